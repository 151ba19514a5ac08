/// Which bytes an escaping mode rewrites: exactly per byte, and conservatively per eight bytes
/// (`mayNeedEscape` may answer true for a word that needs nothing, never false for one that does).
protocol TemplateEscapeRule {
    static func mayNeedEscape(_ word: UInt64) -> Bool
    static func needsEscape(_ byte: UInt8) -> Bool
}

/// Inside a JSON string: `"`, `\` and control characters.
enum JSONRule: TemplateEscapeRule {
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        SWAR.hasByteBelow(word, 0x20) || SWAR.hasByte(word, 0x22) || SWAR.hasByte(word, 0x5C)
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }
}

/// An HTTP header value: CR, LF and NUL.
enum HeaderRule: TemplateEscapeRule {
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        SWAR.hasByteBelow(word, 0x0E)
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A || byte == 0
    }
}

/// HTML text: `& < > " ' \` =` (Handlebars' set).
enum HTMLRule: TemplateEscapeRule {
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        // `"` `&` `'` lie in 0x22...0x27, `<` `=` `>` in 0x3C...0x3E, and backquote is 0x60.
        SWAR.hasByte(word, between: 0x21, and: 0x28) || SWAR.hasByte(word, between: 0x3B, and: 0x3F) || SWAR.hasByte(word, 0x60)
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        // One bit each for " & ' < = > and backquote, at byte - 0x22.
        let offset = byte &- 0x22
        return offset < 64 && (0x4000_0000_1C00_0031 as UInt64) >> UInt64(offset) & 1 != 0
    }
}

/// A URL component: everything but RFC 3986 unreserved characters.
enum URLRule: TemplateEscapeRule {
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        true
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        !TemplateEscaping.isUnreserved(byte)
    }
}
