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

    /// Numbers compare by exact decimal value: `1.50` equals `1.5` and `15e-1`, while `1e400`
    /// and `1e401` (both beyond `Double`) stay different.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.literal == rhs.literal || lhs.canonical == rhs.canonical
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(canonical)
    }

    /// The value as sign, significant digits (no leading or trailing zeros) and the decimal
    /// exponent of the last digit: `-12.50` → ("-", "125", -1). Zero is ("", "0", 0) whatever its sign.
    var canonical: Canonical {
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        var exponentSign = 1
        var exponentValue = 0
        var inExponent = false
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "-") where !inExponent: negative = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default:
                if inExponent {
                    exponentValue = min(exponentValue * 10 + Int(byte - 48), 1_000_000_000)
                } else {
                    if inFraction { fractionDigits += 1 }
                    // Leading zeros carry no value; the fraction count still places the point.
                    if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte) }
                }
            }
        }
        var exponent = exponentSign * exponentValue - fractionDigits
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return Canonical(negative: false, digits: "0", exponent: 0) }
        return Canonical(negative: negative, digits: String(decoding: digits, as: UTF8.self), exponent: exponent)
    }

    /// An exact decimal value, for equality and hashing.
    struct Canonical: Hashable {
        var negative: Bool
        var digits: String
        var exponent: Int
    }
}
