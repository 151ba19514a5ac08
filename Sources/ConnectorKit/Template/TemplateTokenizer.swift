/// Splits template source into text runs and tags, then applies whitespace control (`~`) and
/// the Mustache standalone-line rule (a line holding only a block, else, close or comment tag
/// and whitespace disappears from the output, newline included).
struct TemplateTokenizer {
    enum TagKind: Equatable {
        case value, raw, open, inverted, elseTag, close, comment
    }

    struct Tag {
        var kind: TagKind
        /// The expression text inside the tag (after the sigil), trimmed.
        var content: String
        /// Byte offset of the tag's `{{`.
        var start: Int
        /// Byte offset of the content.
        var contentStart: Int
        var stripBefore: Bool
        var stripAfter: Bool
    }

    enum Token {
        case text(start: Int, end: Int)
        case tag(Tag)
    }

    let source: String
    let bytes: [UInt8]

    init(source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
    }

    func index(_ offset: Int) -> String.Index {
        source.utf8.index(source.utf8.startIndex, offsetBy: min(offset, bytes.count))
    }

    func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        TemplateSyntaxError(message, at: index(offset), in: source)
    }

    /// The tokens, with whitespace control and standalone lines applied.
    func tokens() throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var cursor = 0
        while cursor < bytes.count {
            guard let open = find([0x7B, 0x7B], from: cursor) else {
                tokens.append(.text(start: cursor, end: bytes.count))
                break
            }
            if open > cursor { tokens.append(.text(start: cursor, end: open)) }
            let (tag, end) = try readTag(at: open)
            tokens.append(.tag(tag))
            cursor = end
        }
        applyWhitespaceControl(&tokens)
        applyStandaloneLines(&tokens)
        return tokens
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index + 1] == needle[1], needle.count < 3 || bytes[index + 2] == needle[2] {
                return index
            }
            index += 1
        }
        return nil
    }

    private func readTag(at open: Int) throws(TemplateSyntaxError) -> (Tag, Int) {
        var cursor = open + 2
        var stripBefore = false
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "~") {
            stripBefore = true
            cursor += 1
        }
        // Comments: {{!-- ... --}} may contain "}}"; {{! ... }} may not.
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "!") {
            let long = cursor + 2 < bytes.count && bytes[cursor + 1] == UInt8(ascii: "-") && bytes[cursor + 2] == UInt8(ascii: "-")
            let closer: [UInt8] = long ? Array("--".utf8) : []
            var search = cursor + (long ? 3 : 1)
            while true {
                guard let close = find([0x7D, 0x7D], from: search) else {
                    throw error("unterminated comment: close it with \(long ? "--}}" : "}}")", at: open)
                }
                var contentEnd = close
                var stripAfter = false
                if contentEnd > search, bytes[contentEnd - 1] == UInt8(ascii: "~") {
                    stripAfter = true
                    contentEnd -= 1
                }
                if !long || (contentEnd - 2 >= search && Array(bytes[(contentEnd - 2)..<contentEnd]) == closer) {
                    let tag = Tag(kind: .comment, content: "", start: open, contentStart: cursor, stripBefore: stripBefore, stripAfter: stripAfter)
                    return (tag, close + 2)
                }
                search = close + 1
            }
        }
        var kind = TagKind.value
        var triple = false
        if cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "{"): kind = .raw; triple = true; cursor += 1
            case UInt8(ascii: "&"): kind = .raw; cursor += 1
            case UInt8(ascii: "#"): kind = .open; cursor += 1
            case UInt8(ascii: "^"): kind = .inverted; cursor += 1
            case UInt8(ascii: "/"): kind = .close; cursor += 1
            case UInt8(ascii: ">"): throw error("partials ({{> name}}) are not supported", at: open)
            case UInt8(ascii: "="): throw error("changing delimiters ({{=<% %>=}}) is not supported", at: open)
            default: break
            }
        }
        // Find the closing braces outside string literals.
        var index = cursor
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quote != 0 {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "}"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "}") {
                break
            } else if byte == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                throw error("'{{' inside a tag: the tag opened here is not closed", at: open)
            }
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated tag: close it with \(triple ? "}}}" : "}}")", at: open) }
        var contentEnd = index
        var end = index + 2
        if triple {
            guard end < bytes.count, bytes[end] == UInt8(ascii: "}") else {
                throw error("'{{{' must be closed with '}}}'", at: open)
            }
            end += 1
        }
        var stripAfter = false
        if contentEnd > cursor, bytes[contentEnd - 1] == UInt8(ascii: "~") {
            stripAfter = true
            contentEnd -= 1
        }
        var content = String(decoding: bytes[cursor..<contentEnd], as: UTF8.self)
        content = content.trimmingWhitespace()
        if kind == .value, content == "else" || content.hasPrefix("else ") {
            kind = .elseTag
            content = String(content.dropFirst(4)).trimmingWhitespace()
        } else if kind == .inverted, content.isEmpty {
            kind = .elseTag
        }
        if content.isEmpty, kind != .elseTag {
            throw error("empty tag: write a name or path between the braces", at: open)
        }
        return (Tag(kind: kind, content: content, start: open, contentStart: cursor, stripBefore: stripBefore, stripAfter: stripAfter), end)
    }

    // MARK: - Whitespace

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private func isWhitespace(_ byte: UInt8) -> Bool { isSpace(byte) || byte == 0x0A || byte == 0x0D }

    /// `{{~` trims all whitespace before the tag; `~}}` all whitespace after it.
    private func applyWhitespaceControl(_ tokens: inout [Token]) {
        for position in tokens.indices {
            guard case .tag(let tag) = tokens[position] else { continue }
            if tag.stripBefore, position > 0, case .text(let start, var end) = tokens[position - 1] {
                while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
                tokens[position - 1] = .text(start: start, end: end)
            }
            if tag.stripAfter, position + 1 < tokens.count, case .text(var start, let end) = tokens[position + 1] {
                while start < end, isWhitespace(bytes[start]) { start += 1 }
                tokens[position + 1] = .text(start: start, end: end)
            }
        }
    }

    /// Removes lines that hold only one standalone-capable tag and spaces or tabs. Whether a
    /// tag stands alone is judged on the source as written; the trims are then combined.
    private func applyStandaloneLines(_ tokens: inout [Token]) {
        let original = tokens
        for position in original.indices {
            guard case .tag(let tag) = original[position], [.open, .inverted, .elseTag, .close, .comment].contains(tag.kind) else { continue }
            var newEndBefore: Int? = nil
            if position > 0 {
                guard case .text(let start, let end) = original[position - 1] else { continue }
                var cut = end
                while cut > start, isSpace(bytes[cut - 1]) { cut -= 1 }
                let atLineStart = cut == start ? position - 1 == 0 : bytes[cut - 1] == 0x0A
                guard atLineStart else { continue }
                newEndBefore = cut
            }
            var newStartAfter: Int? = nil
            if position + 1 < original.count {
                guard case .text(let start, let end) = original[position + 1] else { continue }
                var cut = start
                while cut < end, isSpace(bytes[cut]) { cut += 1 }
                if cut < end, bytes[cut] == 0x0D, cut + 1 < end, bytes[cut + 1] == 0x0A {
                    cut += 2
                } else if cut < end, bytes[cut] == 0x0A {
                    cut += 1
                } else if cut < end || position + 2 < original.count {
                    continue
                }
                newStartAfter = cut
            }
            if let cut = newEndBefore, case .text(let start, let end) = tokens[position - 1] {
                tokens[position - 1] = .text(start: start, end: max(start, min(end, cut)))
            }
            if let cut = newStartAfter, case .text(let start, let end) = tokens[position + 1] {
                tokens[position + 1] = .text(start: min(end, max(start, cut)), end: end)
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
        return String(scalars[first...last])
    }
}
