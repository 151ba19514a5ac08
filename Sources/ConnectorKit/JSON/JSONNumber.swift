/// A JSON number that is not an `Int64`: a fraction, an exponent, or an integer too large
/// for `Int64`. It keeps its literal so that serialising it loses no digits.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text, a valid JSON number literal (for example `12.50` or `1e400`).
    public let literal: String

    /// Wraps a literal the caller has already checked against the JSON number grammar.
    package init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    /// Creates a number from a finite `Double`, or `nil` for NaN and infinities
    /// (JSON cannot represent them).
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.literal = "\(value)"
    }

    /// Whether the literal is written without fraction or exponent (an integer beyond `Int64`).
    public var isIntegral: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The nearest `Double` (may be infinite for literals beyond its range).
    public var doubleValue: Double { Double(literal) ?? .nan }

    public var description: String { literal }

    /// Numbers compare by value: `1.50` equals `1.5`.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.literal == rhs.literal || lhs.doubleValue == rhs.doubleValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(doubleValue)
    }
}
