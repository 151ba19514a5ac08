#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells which formats a whole string matches. Strict, allocation-free, no regular expressions:
/// it runs on every string of large corpora.
public enum FormatClassifier {
    /// Every format `string` matches (empty for the empty string).
    public static func classify(_ string: String) -> FormatSet {
        var string = string
        return string.withUTF8 { classify(UnsafeRawBufferPointer($0)) }
    }

    /// Whether `string` matches `format` (unknown formats never match).
    public static func matches(_ string: String, _ format: FieldFormat) -> Bool {
        let set: FormatSet
        switch format {
        case .email: set = .email
        case .phone: set = .phone
        case .uri: set = .uri
        case .uuid: set = .uuid
        case .time: set = .time
        case .date: set = .date
        case .dateTime: set = .dateTime
        default: return false
        }
        return classify(string).contains(set)
    }

    static func classify(_ s: UnsafeRawBufferPointer) -> FormatSet {
        guard let first = s.first else { return [] }
        var result: FormatSet = []
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            if s.count == 10 {
                if isDate(s, 0) { result.insert(.date) }
            } else if s.count >= 20, isDate(s, 0), s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t"),
                      isFullTime(UnsafeRawBufferPointer(rebasing: s[11...]))
            {
                result.insert(.dateTime)
            }
            if s.count >= 9, isFullTime(s) { result.insert(.time) }
        }
        if s.count == 36, isUUID(s) { result.insert(.uuid) }
        if first == UInt8(ascii: "+") {
            if isPhone(s) { result.insert(.phone) }
            return result
        }
        if isEmail(s) { result.insert(.email) }
        if isURI(s) { result.insert(.uri) }
        return result
    }

    // MARK: - Dates and times (RFC 3339)

    @inline(__always)
    private static func digits(_ s: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= s.count else { return nil }
        var value = 0
        for index in at..<at + count {
            let digit = s[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    private static func isDate(_ s: UnsafeRawBufferPointer, _ at: Int) -> Bool {
        guard let year = digits(s, at, 4), s[at + 4] == UInt8(ascii: "-"), let month = digits(s, at + 5, 2),
              s[at + 7] == UInt8(ascii: "-"), let day = digits(s, at + 8, 2), (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// `HH:MM:SS[.fraction](Z|z|+HH:MM|-HH:MM)`, exactly the whole buffer.
    private static func isFullTime(_ s: UnsafeRawBufferPointer) -> Bool {
        guard s.count >= 9, let hour = digits(s, 0, 2), s[2] == UInt8(ascii: ":"), let minute = digits(s, 3, 2),
              s[5] == UInt8(ascii: ":"), let second = digits(s, 6, 2), hour < 24, minute < 60, second <= 60
        else { return false }
        var index = 8
        if index < s.count, s[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < s.count, s[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > start else { return false }
        }
        guard index < s.count else { return false }
        switch s[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return index + 1 == s.count
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == s.count, let offsetHour = digits(s, index + 1, 2), s[index + 3] == UInt8(ascii: ":"),
                  let offsetMinute = digits(s, index + 4, 2)
            else { return false }
            return offsetHour < 24 && offsetMinute < 60
        default:
            return false
        }
    }

    /// The first position of `byte` (memchr).
    @inline(__always)
    private static func firstIndex(of byte: UInt8, in s: UnsafeRawBufferPointer) -> Int? {
        guard let base = s.baseAddress, let found = memchr(base, Int32(byte), s.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    // MARK: - Identifiers

    private static func isUUID(_ s: UnsafeRawBufferPointer) -> Bool {
        for index in 0..<36 {
            let byte = s[index]
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    @inline(__always)
    static func isHex(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    private static func isPhone(_ s: UnsafeRawBufferPointer) -> Bool {
        guard s.count >= 3, s.count <= 16, s[1] >= UInt8(ascii: "1"), s[1] <= UInt8(ascii: "9") else { return false }
        return s.dropFirst(2).allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    // MARK: - Email

    /// `local@domain`: one `@`; the local part printable ASCII without specials or spaces and
    /// without leading, trailing or doubled dots; the domain two or more dot-separated labels of
    /// letters, digits and inner hyphens.
    private static func isEmail(_ s: UnsafeRawBufferPointer) -> Bool {
        guard let at = firstIndex(of: UInt8(ascii: "@"), in: s), at > 0, at < s.count - 1 else { return false }
        var previous: UInt8 = UInt8(ascii: ".")
        for index in 0..<at {
            let byte = s[index]
            guard byte > 0x20, byte < 0x7F else { return false }
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                 UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "\""), UInt8(ascii: "@"):
                return false
            case UInt8(ascii: "."):
                if previous == UInt8(ascii: ".") { return false }
            default: break
            }
            previous = byte
        }
        if previous == UInt8(ascii: ".") { return false }
        return isDomain(UnsafeRawBufferPointer(rebasing: s[(at + 1)...]))
    }

    private static func isDomain(_ s: UnsafeRawBufferPointer) -> Bool {
        var labels = 0
        var labelStart = 0
        for index in 0...s.count {
            if index == s.count || s[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length >= 1, length <= 63, s[labelStart] != UInt8(ascii: "-"), s[index - 1] != UInt8(ascii: "-") else { return false }
                labels += 1
                labelStart = index + 1
                continue
            }
            let byte = s[index]
            let isAlnum = byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
            guard isAlnum || byte == UInt8(ascii: "-") else { return false }
        }
        return labels >= 2
    }

    // MARK: - URI (RFC 3986, absolute)

    /// An absolute URI (RFC 3986): a scheme, then an optional `//authority` (`[userinfo@]host[:port]`,
    /// brackets only around an IP-literal host, a numeric port), then path, query and fragment
    /// without brackets; `%XX` escapes valid throughout.
    private static func isURI(_ s: UnsafeRawBufferPointer) -> Bool {
        guard let colon = firstIndex(of: UInt8(ascii: ":"), in: s), colon > 0, (s[0] | 0x20) &- UInt8(ascii: "a") < 26 else { return false }
        for index in 1..<colon {
            let byte = s[index]
            let ok = (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard ok else { return false }
        }
        var index = colon + 1
        if index + 1 < s.count, s[index] == UInt8(ascii: "/"), s[index + 1] == UInt8(ascii: "/") {
            index += 2
            var end = index
            while end < s.count, s[end] != UInt8(ascii: "/"), s[end] != UInt8(ascii: "?"), s[end] != UInt8(ascii: "#") { end += 1 }
            guard isAuthority(UnsafeRawBufferPointer(rebasing: s[index..<end])) else { return false }
            index = end
        }
        var hashes = 0
        while index < s.count {
            let byte = s[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < s.count, isHex(s[index + 1]), isHex(s[index + 2]) else { return false }
                index += 3
                continue
            }
            if byte == UInt8(ascii: "#") { hashes += 1 }
            guard hashes <= 1, isURICharacter(byte), byte != UInt8(ascii: "["), byte != UInt8(ascii: "]") else { return false }
            index += 1
        }
        return true
    }

    /// `[userinfo@]host[:port]`: one `@` at most, an IP-literal in brackets or a name, digits after `:`.
    private static func isAuthority(_ s: UnsafeRawBufferPointer) -> Bool {
        var hostStart = 0
        if let at = firstIndex(of: UInt8(ascii: "@"), in: s) {
            for index in 0..<at where !isUserInfoCharacter(s[index]) { return false }
            hostStart = at + 1
        }
        var index = hostStart
        if index < s.count, s[index] == UInt8(ascii: "[") {
            index += 1
            while index < s.count, s[index] != UInt8(ascii: "]") {
                let byte = s[index]
                guard isHex(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "v") else { return false }
                index += 1
            }
            guard index < s.count else { return false }
            index += 1
        } else {
            while index < s.count, s[index] != UInt8(ascii: ":") {
                guard isUserInfoCharacter(s[index]), s[index] != UInt8(ascii: ":") else { return false }
                index += 1
            }
        }
        if index < s.count {
            guard s[index] == UInt8(ascii: ":") else { return false }
            for position in (index + 1)..<s.count where s[position] &- UInt8(ascii: "0") >= 10 { return false }
        }
        return true
    }

    /// Unreserved, sub-delims, `:` and `%` (escapes are checked by the caller's alphabet).
    private static func isUserInfoCharacter(_ byte: UInt8) -> Bool {
        isURICharacter(byte) && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "?") && byte != UInt8(ascii: "#")
            && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "@") || byte == UInt8(ascii: "%")
    }

    /// RFC 3986 unreserved and reserved characters.
    private static func isURICharacter(_ byte: UInt8) -> Bool {
        if byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26 { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
             UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}

extension FieldFormat {
    /// Internal stand-ins so ``FormatClassifier/matches(_:_:)`` can test the date types too.
    static let date = FieldFormat(rawValue: "date")
    static let dateTime = FieldFormat(rawValue: "date-time")
}
