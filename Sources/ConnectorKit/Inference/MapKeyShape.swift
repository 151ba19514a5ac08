/// Recognises object keys that are data rather than names: ids, UUIDs, dates.
enum MapKeyShape {
    /// Whether `key` is all digits (1-20), a UUID, a date or date-time, or 16+ hex digits.
    static func isIdentifierLike(_ key: String) -> Bool {
        let bytes = key.utf8
        guard !bytes.isEmpty else { return false }
        if bytes.count <= 20, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        if bytes.count >= 16, bytes.allSatisfy(isHexDigit) { return true }
        return !FormatClassifier.classify(key).isDisjoint(with: [.uuid, .date, .dateTime])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
