import ConnectorTesting
import Foundation

/// The DocC catalog's files, and the labelled code blocks its articles use as test data.
enum DocumentationCatalog {
    static let root = (try! SchemaSamples.packageRoot()).appendingPathComponent("Sources/ConnectorKit/ConnectorKit.docc")

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// A fenced code block and the line just before it (`Template:`, `Output (escaping: json):`).
    struct Block {
        var label: String
        var body: String
        /// The nearest `###` heading above.
        var section: String
        /// The nearest `##` heading above.
        var part: String
        /// 1-based line of the opening fence.
        var line: Int
    }

    /// Every fenced block of `markdown`, in order.
    static func blocks(of markdown: String) -> [Block] {
        var blocks: [Block] = []
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var section = "", part = "", previous = ""
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("### ") { section = String(line.dropFirst(4)) }
            else if line.hasPrefix("## ") { part = String(line.dropFirst(3)); section = "" }
            if line.hasPrefix("```") {
                var body: [String] = []
                var end = index + 1
                while end < lines.count, !lines[end].hasPrefix("```") {
                    body.append(lines[end])
                    end += 1
                }
                blocks.append(Block(label: previous, body: body.joined(separator: "\n"), section: section, part: part, line: index + 1))
                index = end + 1
                previous = ""
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { previous = line }
            index += 1
        }
        return blocks
    }

    /// The `###` headings under the `##` heading `part`.
    static func sections(of markdown: String, in part: String) -> [String] {
        var current = ""
        var found: [String] = []
        for line in markdown.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") { current = String(line.dropFirst(3)) }
            if line.hasPrefix("### "), current == part { found.append(String(line.dropFirst(4))) }
        }
        return found
    }
}
