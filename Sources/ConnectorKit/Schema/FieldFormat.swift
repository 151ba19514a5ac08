/// A refinement of a string field: what its text looks like, and how a form should ask for it.
///
/// Known formats have constants; any other JSON Schema `format` survives as its raw name.
public struct FieldFormat: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An e-mail address (JSON Schema `email`).
    public static let email = FieldFormat(rawValue: "email")
    /// A phone number in E.164 form, `+` and up to 15 digits.
    public static let phone = FieldFormat(rawValue: "phone")
    /// An absolute URI per RFC 3986 (JSON Schema `uri`).
    public static let uri = FieldFormat(rawValue: "uri")
    /// A UUID, any letter case (JSON Schema `uuid`).
    public static let uuid = FieldFormat(rawValue: "uuid")
    /// A time of day per RFC 3339 `full-time` (JSON Schema `time`).
    public static let time = FieldFormat(rawValue: "time")

    public var description: String { rawValue }
}
