/// A type an action takes as input or gives as output, convertible from and to JSON.
/// `JSONValue` itself is one, and the default for ``Action/Input`` and ``Action/Output``.
public protocol JSONConvertible: Sendable {
    /// The value `json` describes (already checked against the action's input fields).
    init(json: JSONValue) throws
    /// This value as JSON.
    var json: JSONValue { get }
}

extension JSONValue: JSONConvertible {
    public init(json: JSONValue) { self = json }
    public var json: JSONValue { self }
}
