/// Something that starts a flow: an event a service sends to Hookline (a webhook).
///
/// An author gives the ``id`` and the ``outputSchema`` (generated from sample payloads in
/// `Schemas/`); the rest has defaults. ``matches(_:options:)`` filters events by the flow's
/// trigger options (Iterable: event names, workflow ids).
public protocol Trigger: Sendable {
    /// Unique within the connector (`system_webhook`).
    var id: String { get }
    /// A human name; defaults to the id in words.
    var name: String { get }
    var summary: String { get }
    /// The shape of the events, for mapping checks and `map suggest`.
    var outputSchema: FieldSchema { get }
    /// The options a flow may set on this trigger (filters).
    var optionFields: [FieldSchema] { get }
    /// Real events (from `Schemas/`), each valid against ``outputSchema``: the conformance
    /// check validates them.
    var samples: [JSONValue] { get }

    /// The shape of the events a flow with trigger `options` receives: ``outputSchema``, unless
    /// the options narrow it (Iterable's system webhook: the samples of the chosen event names).
    func outputSchema(options: JSONValue) -> FieldSchema

    /// Whether such events may hold members ``outputSchema(options:)`` does not list: a body the
    /// sender's user composes (an Iterable journey webhook), or every kind of event at once. A
    /// flow with no samples or schema of its own then has an open source: a mapping path its
    /// schema does not know is a warning, not an error.
    func outputIsOpen(options: JSONValue) -> Bool

    /// A hint for a mapping path (member names) that ``outputSchema(options:)`` does not know,
    /// when the trigger can tell more (Iterable: which other event names have it).
    func hintForUnknownPath(_ path: [String], options: JSONValue) -> String?

    /// The members (dotted paths) the filter of `options` reads; an event without any of them
    /// is skipped. A flow whose own samples lack them is warned: its events would all be skipped.
    func filteredMembers(options: JSONValue) -> [String]

    /// Whether the flow with trigger `options` handles `event`; events it doesn't are
    /// acknowledged and skipped.
    func matches(_ event: JSONValue, options: JSONValue) -> Bool

    /// A key equal for two deliveries of the same event (a sender's retry), used to accept it
    /// once when the request carries no webhook id; `nil` when the event has none.
    func deduplicationKey(_ event: JSONValue) -> String?
}

extension Trigger {
    public var name: String { ConnectorNaming.words(id) }
    public var summary: String { "" }
    public var optionFields: [FieldSchema] { [] }
    public var samples: [JSONValue] { [] }
    public func outputSchema(options: JSONValue) -> FieldSchema { outputSchema }
    public func outputIsOpen(options: JSONValue) -> Bool { false }
    public func hintForUnknownPath(_ path: [String], options: JSONValue) -> String? { nil }
    public func filteredMembers(options: JSONValue) -> [String] { [] }
    public func matches(_ event: JSONValue, options: JSONValue) -> Bool { true }
    public func deduplicationKey(_ event: JSONValue) -> String? { nil }

    /// The trigger options as one object schema.
    public var optionSchema: FieldSchema {
        FieldSchema(name: "", type: .object, properties: optionFields)
    }
}
