import Foundation

/// Text edits of Swift sources at clear anchors, each failing with a message that says which
/// anchor is missing and what to add by hand.
enum SourceEditing {
    /// `text` with `element` appended to the array literal that follows `anchor` (the first `[`
    /// after it, matched to its `]`). A one-line literal gets `, element`; a multi-line one gets
    /// `element,` on a line of its own, indented like the element before it.
    static func appendingToArray(in text: String, after anchor: String, element: String, file: String) throws(ScaffoldError) -> String {
        guard let anchorRange = text.range(of: anchor) else {
            throw ScaffoldError("\(file): found no '\(anchor)', so \(element) could not be added; add it by hand")
        }
        guard let open = text[anchorRange.upperBound...].firstIndex(of: "["),
              let close = matchingBracket(in: text, open: open) else {
            throw ScaffoldError("\(file): found no array literal after '\(anchor)', so \(element) could not be added; add it by hand")
        }
        let inside = text[text.index(after: open)..<close]
        var edited = text
        if inside.contains("\n") {
            let lines = inside.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.allSatisfy(\.isWhitespace) }
            let last = lines.last.map(String.init) ?? ""
            let indent = String(last.prefix { $0 == " " })
            let closingLineStart = text[..<close].lastIndex(of: "\n").map { text.index(after: $0) } ?? close
            var insertion = ""
            if let lastSignificant = inside.trimmingSuffixWhitespace.last, lastSignificant != ",", lastSignificant != "[", !lines.isEmpty {
                // The last element has no trailing comma: give it one.
                let end = text[..<close].lastIndex { !$0.isWhitespace }!
                edited.insert(",", at: text.index(after: end))
                return try appendingToArray(in: edited, after: anchor, element: element, file: file)
            }
            insertion = "\(indent.isEmpty ? "    " : indent)\(element),\n"
            edited.insert(contentsOf: insertion, at: closingLineStart)
        } else if inside.allSatisfy(\.isWhitespace) {
            edited.replaceSubrange(text.index(after: open)..<close, with: element)
        } else {
            let trimmed = inside.trimmingSuffixWhitespace
            let separator = trimmed.hasSuffix(",") ? " " : ", "
            edited.replaceSubrange(text.index(after: open)..<close, with: trimmed + separator + element)
        }
        return edited
    }

    /// The `]` closing the `[` at `open`, skipping nested brackets, parentheses and string literals.
    static func matchingBracket(in text: String, open: String.Index) -> String.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" || character == "(" {
                depth += 1
            } else if character == "]" || character == ")" {
                depth -= 1
                if depth == 0 { return character == "]" ? index : nil }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `text` with `line` inserted after the last line containing every string of `markers`.
    static func insertingLine(_ line: String, afterLastLineContaining markers: [String], in text: String, file: String, what: String) throws(ScaffoldError) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let index = lines.lastIndex(where: { candidate in markers.allSatisfy { candidate.contains($0) } }) else {
            throw ScaffoldError("\(file): found no line with \(markers.map { "'\($0)'" }.joined(separator: " and ")) to add \(what) after; add this line by hand:\n    \(line.trimmingPrefixWhitespace)")
        }
        let indent = String(lines[index].prefix { $0 == " " })
        lines.insert(indent + line.trimmingPrefixWhitespace, at: index + 1)
        return lines.joined(separator: "\n")
    }

    /// `text` with `import module` added to its leading imports, in alphabetical order.
    static func addingImport(_ module: String, to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let statement = "import \(module)"
        if lines.contains(statement) { return text }
        let imports = lines.indices.filter { lines[$0].hasPrefix("import ") }
        let position = imports.first { lines[$0] > statement } ?? imports.last.map { $0 + 1 } ?? 0
        lines.insert(statement, at: position)
        return lines.joined(separator: "\n")
    }
}

extension StringProtocol {
    var trimmingSuffixWhitespace: String {
        var text = String(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }

    var trimmingPrefixWhitespace: String {
        String(drop { $0.isWhitespace })
    }
}
