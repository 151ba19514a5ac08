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

    /// Appends `text` escaped for this context. Runs that need no escaping are copied whole;
    /// the mode is decided once per string, not once per byte.
    func append(_ text: String, to out: inout TemplateOutput) {
        switch self {
        case .none:
            out.append(text)
        case .json:
            appendRuns(text, to: &out, JSONRule.self)
        case .header:
            appendRuns(text, to: &out, HeaderRule.self)
        case .html:
            appendRuns(text, to: &out, HTMLRule.self)
        case .url:
            appendRuns(text, to: &out, URLRule.self)
        }
    }

    /// Appends `text`, escaping the bytes `Rule` picks. Native strings lend their storage;
    /// small (inline) ones are copied to the stack.
    @inline(__always)
    private func appendRuns<Rule: TemplateEscapeRule>(_ text: String, to out: inout TemplateOutput, _ rule: Rule.Type) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ appendRuns($0, to: &out, rule) }) { return done }
        var text = text
        text.withUTF8 { appendRuns($0, to: &out, rule) }
    }

    /// Runs that need no escaping are copied whole; words of eight bytes that `Rule` clears are
    /// passed over without looking at their bytes.
    @inline(__always)
    private func appendRuns<Rule: TemplateEscapeRule>(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout TemplateOutput, _ rule: Rule.Type) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            if count - index >= 8, !Rule.mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            // A short tail of a longer text: its last eight bytes, read as one word, may all be clear.
            if count - index < 8, count >= 8, !Rule.mayNeedEscape(UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)) {
                break
            }
            let stop = min(index + 8, count)
            while index < stop {
                if Rule.needsEscape(base[index]) {
                    if index > runStart { out.append(UnsafeBufferPointer(start: base + runStart, count: index - runStart)) }
                    appendEscaped(base[index], to: &out)
                    runStart = index + 1
                }
                index += 1
            }
        }
        if runStart < count { out.append(UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    private func appendEscaped(_ byte: UInt8, to out: inout TemplateOutput) {
        switch self {
        case .none:
            out.append(byte)
        case .json:
            out.append(0x5C)
            switch byte {
            case 0x22, 0x5C: out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append("u00")
                out.append(Self.lowerHex[Int(byte >> 4)])
                out.append(Self.lowerHex[Int(byte & 0x0F)])
            }
        case .url:
            Self.appendURLByte(byte) { out.append($0) }
        case .header:
            out.append(0x20)
        case .html:
            switch byte {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            case UInt8(ascii: "\""): out.append("&quot;")
            case UInt8(ascii: "'"): out.append("&#x27;")
            case UInt8(ascii: "`"): out.append("&#x60;")
            default: out.append("&#x3D;")
            }
        }
    }

    private static let lowerHex = Array("0123456789abcdef".utf8)

    /// Passes `byte` percent-encoded (as one or three bytes) to `append`.
    @inline(__always)
    static func appendURLByte(_ byte: UInt8, _ append: (UInt8) -> Void) {
        if isUnreserved(byte) {
            append(byte)
        } else {
            append(UInt8(ascii: "%"))
            append(hexDigit(byte >> 4))
            append(hexDigit(byte & 0x0F))
        }
    }

    /// Appends `value` in decimal.
    static func appendInteger(_ value: Int64, to out: inout TemplateOutput) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch, enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { scratch in
            var magnitude = value.magnitude
            var position = scratch.count
            repeat {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(UnsafeRawBufferPointer(rebasing: scratch[position...]))
        }
    }

    /// Percent-encodes `buffer[start...]` in place (the `urlEncode` block's body filter).
    /// Each byte that is not unreserved grows by two; the buffer grows once and the range is
    /// rewritten from its end backwards, so nothing is copied aside.
    @Sendable static func urlEncodeInPlace(_ buffer: inout [UInt8], from start: Int) {
        guard start < buffer.count else { return }
        let end = buffer.count
        var expanding = 0
        for index in start..<end where !isUnreserved(buffer[index]) { expanding += 1 }
        guard expanding > 0 else { return }
        buffer.append(contentsOf: repeatElement(0, count: 2 * expanding))
        buffer.withUnsafeMutableBufferPointer { bytes in
            var write = bytes.count
            var read = end
            while read > start {
                read -= 1
                let byte = bytes[read]
                if isUnreserved(byte) {
                    write -= 1
                    bytes[write] = byte
                } else {
                    write -= 3
                    bytes[write] = UInt8(ascii: "%")
                    bytes[write + 1] = hexDigit(byte >> 4)
                    bytes[write + 2] = hexDigit(byte & 0x0F)
                }
            }
        }
    }

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        // One bit per ASCII byte: `-` `.` `0-9` in the low word; `A-Z` `_` `a-z` `~` in the high word.
        let word: UInt64 = byte < 64 ? 0x03FF_6000_0000_0000 : 0x47FF_FFFE_87FF_FFFE
        return byte < 128 && (word >> UInt64(byte & 63)) & 1 != 0
    }

    @inline(__always)
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x41 + value - 10
    }

    /// `text` percent-encoded as a URL component.
    static func urlEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 { appendURLByte(byte) { out.append($0) } }
        return String(decoding: out, as: UTF8.self)
    }
}
