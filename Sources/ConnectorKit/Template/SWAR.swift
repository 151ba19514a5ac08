/// Tests on eight bytes at once, packed in a `UInt64` (any byte order): whether some byte has
/// a property. Each answer is exact about "some byte", not about which.
enum SWAR {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte is below `limit` (at most 128).
    @inline(__always)
    static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// Whether some byte is `byte`.
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasByteBelow(word ^ (ones &* UInt64(byte)), 1)
    }

    /// Whether some byte lies strictly between `low` and `high` (`low` at most 127, `high` at most 128).
    @inline(__always)
    static func hasByte(_ word: UInt64, between low: UInt8, and high: UInt8) -> Bool {
        let low7 = word & ~highs
        return (ones &* (127 + UInt64(high)) &- low7) & ~word & (low7 &+ ones &* (127 - UInt64(low))) & highs != 0
    }
}
