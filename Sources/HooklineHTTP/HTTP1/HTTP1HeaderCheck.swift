import ConnectorKit

/// Header fields as HTTP/1.1 allows them: a name of token characters, a value without line
/// breaks or other control characters (horizontal tab aside). Checked before anything is sent,
/// so a bad header is an `invalidRequest`, never retried, rather than a dropped connection.
enum HTTP1HeaderCheck {
    static func check(name: String, value: String) throws(HTTPTransportError) {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
            throw HTTPTransportError(.invalidRequest, "the header name '\(printable(name))' has characters HTTP does not allow in a name")
        }
        guard value.utf8.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
            throw HTTPTransportError(.invalidRequest, "the value of header '\(name)' has a line break or another control character")
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `name` with control characters shown as `?` (for the error message).
    private static func printable(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }
}
