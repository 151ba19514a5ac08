extension JSONReader {
    /// Reads a string starting at the opening quote.
    mutating func readString() throws(JSONParseError) -> String {
        let start = index + 1
        var cursor = start
        var asciiOnly = true
        // Fast path: no escapes. Find the closing quote.
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeRawBufferPointer(rebasing: bytes[start..<cursor])
                index = cursor + 1
                if asciiOnly { return String(decoding: run, as: UTF8.self) }
                return try decodeUTF8(run, at: start)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacter(at: cursor) }
            if byte >= 0x80 { asciiOnly = false }
            cursor += 1
        }
        guard cursor < bytes.count else {
            throw error(.unterminatedString, "unterminated string: add the closing '\"'", at: index)
        }
        return try readEscapedString(from: start, firstEscape: cursor)
    }

    private func controlCharacter(at offset: Int) -> JSONParseError {
        error(.controlCharacter, "control character \(describe(bytes[offset])) in a string: write it as an escape such as \\n or \\u00XX", at: offset)
    }

    /// The slow path: a string with escapes, decoded into a byte buffer.
    private mutating func readEscapedString(from start: Int, firstEscape: Int) throws(JSONParseError) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(firstEscape - start + 16)
        try appendValidated(start..<firstEscape, to: &buffer)
        var cursor = firstEscape
        var runStart = cursor
        while true {
            guard cursor < bytes.count else {
                throw error(.unterminatedString, "unterminated string: add the closing '\"'", at: start - 1)
            }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                try appendValidated(runStart..<cursor, to: &buffer)
                index = cursor + 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw controlCharacter(at: cursor) }
            guard byte == UInt8(ascii: "\\") else {
                cursor += 1
                continue
            }
            try appendValidated(runStart..<cursor, to: &buffer)
            cursor = try readEscape(at: cursor, into: &buffer)
            runStart = cursor
        }
    }

    /// Decodes the escape at `offset` (a backslash) into `buffer`; returns the offset after it.
    private func readEscape(at offset: Int, into buffer: inout [UInt8]) throws(JSONParseError) -> Int {
        guard offset + 1 < bytes.count else {
            throw error(.unterminatedString, "unterminated string: add the closing '\"'", at: offset)
        }
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var unit = try hexQuad(at: offset + 2)
            var next = offset + 6
            if unit >= 0xD800 && unit < 0xDC00 {
                // A high surrogate must be followed by an escaped low surrogate.
                var low: UInt32 = 0
                if next + 1 < bytes.count, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") {
                    low = try hexQuad(at: next + 2)
                }
                if low >= 0xDC00 && low < 0xE000 {
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    next += 6
                } else {
                    try unpairedSurrogate(at: offset, into: &buffer)
                    return next
                }
            } else if unit >= 0xDC00 && unit < 0xE000 {
                try unpairedSurrogate(at: offset, into: &buffer)
                return next
            }
            appendScalar(unit, to: &buffer)
            return next
        default:
            throw error(.invalidEscape, "invalid escape '\\\(Character(Unicode.Scalar(bytes[offset + 1])))': use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX", at: offset)
        }
        return offset + 2
    }

    private func unpairedSurrogate(at offset: Int, into buffer: inout [UInt8]) throws(JSONParseError) {
        guard options.invalidUTF8 == .replace else {
            throw error(.invalidUTF8, "unpaired UTF-16 surrogate escape: a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF one", at: offset)
        }
        buffer.append(contentsOf: [0xEF, 0xBF, 0xBD])
    }

    private func hexQuad(at offset: Int) throws(JSONParseError) -> UInt32 {
        guard offset + 4 <= bytes.count else {
            throw error(.invalidEscape, "\\u needs four hex digits", at: offset - 2)
        }
        var value: UInt32 = 0
        for position in offset..<offset + 4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidEscape, "\\u needs four hex digits", at: offset - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func appendScalar(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            buffer.append(UInt8(scalar))
        case ..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Appends `bytes[range]` after checking it is UTF-8 (or repairing it, by policy).
    private func appendValidated(_ range: Range<Int>, to buffer: inout [UInt8]) throws(JSONParseError) {
        let run = UnsafeRawBufferPointer(rebasing: bytes[range])
        if let bad = UTF8Validation.firstInvalidOffset(in: run) {
            guard options.invalidUTF8 == .replace else { throw invalidUTF8(at: range.lowerBound + bad) }
            buffer.append(contentsOf: Array(String(decoding: run, as: UTF8.self).utf8))
        } else {
            buffer.append(contentsOf: run)
        }
    }

    /// A string from a run without escapes that contains non-ASCII bytes.
    private func decodeUTF8(_ run: UnsafeRawBufferPointer, at start: Int) throws(JSONParseError) -> String {
        if let bad = UTF8Validation.firstInvalidOffset(in: run), options.invalidUTF8 == .reject {
            throw invalidUTF8(at: start + bad)
        }
        return String(decoding: run, as: UTF8.self)
    }

    private func invalidUTF8(at offset: Int) -> JSONParseError {
        error(.invalidUTF8, "invalid UTF-8 (\(describe(bytes[offset]))): the input must be UTF-8 encoded", at: offset)
    }
}
