/// A credential value (API key, password, client secret, token). Printing it never shows it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, ExpressibleByStringLiteral {
    /// The value itself: read it only to put it on the wire.
    public let exposed: String

    public init(_ value: String) { exposed = value }
    public init(stringLiteral value: String) { exposed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
