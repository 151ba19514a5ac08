/// A member name compiled for matching against `JSONObject` keys by their bits, without
/// reference counting or calls into the string comparison.
///
/// A native Swift string of at most 15 UTF-8 bytes is stored inline ("small"): its two words
/// are its bytes plus a count and flags, so two small strings are equal exactly when their
/// words are. Equal words always mean equal strings (for large strings: the same storage);
/// different words are conclusive only when both strings are small, or when one is small and
/// the other key is longer than 15 bytes. Everything else falls back to comparing UTF-8 bytes.
/// The layout is checked once at run time (``StringBits/layoutIsAsExpected``); when it is not
/// as expected, every comparison takes the byte path.
struct TemplateKey: Sendable {
    enum Mode: UInt8, Sendable {
        /// The name is small: compare words; a different small key is a miss.
        case small
        /// The name is longer than a small string holds: a small key is a miss.
        case large
        /// Compare bytes only (the string layout is not the one expected).
        case bytes
    }

    let mode: Mode
    let word0: UInt64
    let word1: UInt64
    /// The name's UTF-8 length.
    let length: Int
    /// Where the name's UTF-8 bytes start in the program's byte pool.
    let start: Int

    init(_ name: String, start: Int) {
        // A fresh native copy, so a small name is in its canonical inline form.
        let native = String(decoding: Array(name.utf8), as: UTF8.self)
        let (word0, word1) = StringBits.words(native)
        self.start = start
        length = native.utf8.count
        self.word0 = word0
        self.word1 = word1
        if !StringBits.layoutIsAsExpected {
            mode = .bytes
        } else if StringBits.isSmall(word1) {
            mode = .small
        } else {
            mode = .large
        }
    }

    /// The position of this name among `count` members from `first` (each `stride` bytes, the
    /// key `keyOffset` bytes in), or nil; `bytes` is the program's byte pool.
    @inline(__always)
    func position(in first: UnsafeRawPointer, count: Int, stride: Int, keyOffset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var key = first + keyOffset
        switch mode {
        case .small:
            // The common case, kept tight: two words per member; large keys compare bytes.
            for position in 0..<count {
                let word1 = key.load(fromByteOffset: 8, as: UInt64.self)
                if word1 == self.word1 {
                    if key.load(as: UInt64.self) == word0 { return position }
                } else if !StringBits.isSmall(word1), matchesBytes(key, bytes) {
                    return position
                }
                key += stride
            }
        case .large:
            for position in 0..<count {
                if !StringBits.isSmall(key.load(fromByteOffset: 8, as: UInt64.self)), matchesBytes(key, bytes) { return position }
                key += stride
            }
        case .bytes:
            for position in 0..<count {
                if matchesBytes(key, bytes) { return position }
                key += stride
            }
        }
        return nil
    }

    @inline(never)
    private func matchesBytes(_ key: UnsafeRawPointer, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = key.assumingMemoryBound(to: String.self).pointee
        return key.utf8.count == length && key.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[start..<(start + length)]))
    }
}

/// The two words of a 64-bit Swift `String` (see ``TemplateKey``).
enum StringBits {
    /// The string's two words, as stored.
    @inline(__always)
    static func words(_ string: String) -> (UInt64, UInt64) {
        withUnsafeBytes(of: string) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
    }

    /// Whether the second word marks an inline (small) string: bit 61 of the discriminator.
    @inline(__always)
    static func isSmall(_ word1: UInt64) -> Bool {
        word1 & (1 << 61) != 0
    }

    /// Whether strings behave as ``TemplateKey`` assumes: 16 bytes; short strings built in
    /// different ways have equal words and the small bit; different short strings differ;
    /// a long string is not small.
    static let layoutIsAsExpected: Bool = {
        guard MemoryLayout<String>.size == 16 else { return false }
        let built = String(decoding: Array("dataFields".utf8), as: UTF8.self)
        var appended = ""
        for character in "dataFields" { appended.append(character) }
        let sliced = String("x.dataFields".dropFirst(2))
        let other = String(decoding: Array("dataField_".utf8), as: UTF8.self)
        let long = String(decoding: Array(repeating: UInt8(ascii: "a"), count: 40), as: UTF8.self)
        let accented = String(decoding: Array("café".utf8), as: UTF8.self)
        let forms = [built, appended, sliced].map(words)
        return forms.allSatisfy { $0 == forms[0] } && isSmall(forms[0].1)
            && words(other) != forms[0] && isSmall(words(other).1)
            && !isSmall(words(long).1)
            && isSmall(words(accented).1) && words(accented) == words(String(decoding: Array("café".utf8), as: UTF8.self))
    }()
}
