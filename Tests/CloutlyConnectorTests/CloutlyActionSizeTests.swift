import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// The SDK's promise, measured: a Cloutly action (fields + perform) takes an author under 40
/// lines of code, one file per action.
@Suite struct CloutlyActionSizeTests {
    static let folder = (try! SchemaSamples.packageRoot()).appendingPathComponent("Connectors/Cloutly")
    static let limit = 40

    /// Lines that are neither blank nor comments (`//`, `///` and `/* ... */` blocks).
    static func codeLines(of text: String) -> Int {
        var count = 0
        var inBlock = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if inBlock {
                if line.contains("*/") { inBlock = false }
                continue
            }
            if line.isEmpty || line.hasPrefix("//") { continue }
            if line.hasPrefix("/*") {
                inBlock = !line.contains("*/")
                continue
            }
            count += 1
        }
        return count
    }

    /// The Swift files of Connectors/Cloutly that declare an action.
    static func actionFiles() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
        return try names.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
            .filter { $0.text.contains(": Action {") }
    }

    @Test func eachActionIsOneFileOfFewerThanFortyCodeLines() throws {
        let files = try Self.actionFiles()
        #expect(files.map(\.name) == ["AddContactToReviewAutomation.swift", "ListBusinesses.swift", "SendReviewInvite.swift"])
        for file in files {
            let lines = Self.codeLines(of: file.text)
            #expect(lines < Self.limit, "\(file.name) has \(lines) lines of code")
            #expect(file.text.components(separatedBy: ": Action {").count == 2, "\(file.name) declares more than one action")
        }
    }

    @Test func theCounterSkipsBlanksAndCommentsOnly() {
        let text = """
            /// Doc.
            import ConnectorKit

            /* a
               block */
            struct A { // trailing comments count as code
                // note
                let x = 1
            }
            """
        #expect(Self.codeLines(of: text) == 4)
    }
}
