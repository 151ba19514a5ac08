import AcmeConnector
import ConnectorKit
import Foundation
import HooklineConnectors
import HooklineRuntime
import Testing

/// DeliveryAndRetries.md's table of delays, cell by cell, against the policy the config loader
/// reads from the row's `retry:` and ``RetryPolicy/delay(after:retryAfter:)``.
@Suite struct RetryTableTests {
    struct Row: CustomStringConvertible {
        var line: Int
        var retry: String?
        var retryAfter: Int?
        var cells: [String]
        var description: String { "DeliveryAndRetries.md:\(line)" }
    }

    static let rows: [Row] = {
        let article = try! DocumentationCatalog.text("DeliveryAndRetries.md")
        var rows: [Row] = []
        var inTable = false
        for (number, line) in article.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("### ") { inTable = line == "### The table of delays" }
            guard inTable, line.hasPrefix("|"), !line.hasPrefix("|---"), !line.hasPrefix("| `retry:`") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let spec = cells[0] == "(none)" ? nil : cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            rows.append(Row(line: number + 1, retry: spec, retryAfter: Int(cells[1]), cells: Array(cells.dropFirst(2))))
        }
        return rows
    }()

    /// The policy of a step whose config says `retry` (nil: none).
    static func policy(_ retry: String?) throws -> RetryPolicy {
        let config = """
            connections:
              acme: {connector: acme, apiKey: acme-key}
            flows:
              f:
                trigger: {connector: iterable, trigger: system_webhook}
                steps:
                  - id: upsert
                    connector: acme
                    action: upsert_contact
                    connection: acme
                    \(retry.map { "retry: \($0)" } ?? "")
                    mapping: {email: "{{email}}"}
            """
        let loaded = try RunnerConfig.parse(config, file: "retry.yaml", registry: BuiltInConnectors.registry(adding: [AcmeConnector()]), environment: [:])
        return try #require(loaded.flows.first?.steps.first).retry
    }

    @Test func theTableHasItsRows() {
        #expect(Self.rows.count == 10)
        #expect(Self.rows.allSatisfy { $0.cells.count == 6 })
    }

    @Test func theDefaultIsIterablesPolicy() throws {
        #expect(try Self.policy(nil) == .iterable)
    }

    @Test(arguments: rows)
    func rowMatchesTheComputedDelays(_ row: Row) throws {
        let policy = try Self.policy(row.retry)
        let retryAfter = row.retryAfter.map { Duration.seconds($0) }
        var stopped = false
        for (index, cell) in row.cells.enumerated() {
            let attempt = index + 1
            let computed = policy.delay(after: attempt, retryAfter: retryAfter)
            let at = "\(row), after attempt \(attempt)"
            if stopped {
                #expect(cell.isEmpty, "\(at): a cell after 'stop'")
                #expect(computed == nil, "\(at)")
            } else if cell == "stop" {
                stopped = true
                #expect(computed == nil, "\(at): the policy still retries (\(computed ?? 0) s)")
                #expect(attempt == policy.maxAttempts, "\(at): stops after attempt \(policy.maxAttempts)")
            } else if let range = cell.range(of: "–") {
                let low = try #require(Double(cell[..<range.lowerBound])), high = try #require(Double(cell[range.upperBound...]))
                #expect(policy.jitter, "\(at): a range without jitter")
                for _ in 0..<200 {
                    let delay = try #require(policy.delay(after: attempt, retryAfter: retryAfter))
                    #expect(delay >= low && delay <= high, "\(at): \(delay) s is outside \(cell)")
                }
            } else {
                #expect(computed == Double(cell), "\(at): the table says \(cell), the policy \(computed.map { "\($0)" } ?? "stop")")
            }
        }
        #expect(stopped, "\(row): the row never says 'stop'")
    }
}
