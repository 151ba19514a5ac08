/// How interpolated values are escaped, chosen by where the output goes.
public enum TemplateEscaping: String, Sendable, Hashable, CaseIterable {
    /// Inside a JSON string literal: `"` `\` and control characters escaped.
    case json
    /// A URL component: everything but RFC 3986 unreserved characters percent-encoded.
    case url
    /// An HTTP header value: CR, LF and NUL become spaces, so a value cannot start a new header.
    case header
    /// HTML text: `& < > " ' \` =` as entities (Handlebars' set).
    case html
    /// Written as is.
    case none

    /// Appends `text` escaped for this context.
    func append(_ text: String, to out: inout [UInt8]) {
        switch self {
        case .none:
            out.append(contentsOf: text.utf8)
        case .json:
            var escaped: [UInt8] = []
            JSONWriter.writeString(text, to: &escaped)
            out.append(contentsOf: escaped[1..<(escaped.count - 1)])
        case .url:
            for byte in text.utf8 { Self.appendURLByte(byte, to: &out) }
        case .header:
            for byte in text.utf8 { out.append(byte == 0x0D || byte == 0x0A || byte == 0 ? 0x20 : byte) }
        case .html:
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#x27;".utf8)
                case UInt8(ascii: "`"): out.append(contentsOf: "&#x60;".utf8)
                case UInt8(ascii: "="): out.append(contentsOf: "&#x3D;".utf8)
                default: out.append(byte)
                }
            }
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    static func appendURLByte(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.append(byte)
        default:
            out.append(UInt8(ascii: "%"))
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }

    /// `text` percent-encoded as a URL component.
    static func urlEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 { appendURLByte(byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
