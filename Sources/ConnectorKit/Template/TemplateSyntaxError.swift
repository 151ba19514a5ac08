/// A template that cannot be compiled: what is wrong, where (line:column), and the excerpt.
public struct TemplateSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// The source line with a caret under the column.
    public var excerpt: String

    init(_ message: String, at offset: String.Index, in source: String) {
        self.message = message
        let before = source[..<offset]
        line = before.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        let lineStart = before.lastIndex(of: "\n").map(source.index(after:)) ?? source.startIndex
        column = source[lineStart..<offset].count + 1
        let lineEnd = source[offset...].firstIndex(of: "\n") ?? source.endIndex
        let text = String(source[lineStart..<lineEnd])
        let shown = text.count > 120 ? String(text.prefix(120)) + "…" : text
        excerpt = shown + "\n" + String(repeating: " ", count: min(column - 1, 120)) + "^"
    }

    /// `line L:C: message`, then the excerpt.
    public var description: String { "line \(line):\(column): \(message)\n\(excerpt)" }
}
