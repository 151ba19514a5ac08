/// A set of string formats, as found by ``FormatClassifier``.
public struct FormatSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// RFC 3339 `date-time`.
    public static let dateTime = FormatSet(rawValue: 1 << 0)
    /// RFC 3339 `full-date`.
    public static let date = FormatSet(rawValue: 1 << 1)
    /// RFC 3339 `full-time` (offset required).
    public static let time = FormatSet(rawValue: 1 << 2)
    public static let email = FormatSet(rawValue: 1 << 3)
    /// An absolute URI per RFC 3986.
    public static let uri = FormatSet(rawValue: 1 << 4)
    public static let uuid = FormatSet(rawValue: 1 << 5)
    /// E.164: `+`, a digit 1-9, then 1 to 14 digits.
    public static let phone = FormatSet(rawValue: 1 << 6)

    public static let all: FormatSet = [.dateTime, .date, .time, .email, .uri, .uuid, .phone]
}
