import ConnectorKit
import Foundation
import Testing

/// The README's first set-up command: `hookline schema infer Schemas/iterable/system-webhook/*.sample.json`.
@Suite struct ShippedSamplesTests {
    /// What the shell's glob gives, run from the package root.
    static func glob(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: CLIHarness.packageRoot.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".sample.json") }
            .sorted()
            .map { "\(folder)/\($0)" }
    }

    @Test func readmeSchemaInferCommandPrintsTheSystemWebhookSchema() async throws {
        let files = try Self.glob("Schemas/iterable/system-webhook")
        #expect(files.count == 23, "one sample per documented event type (SOURCES.md)")
        let result = try await CLIHarness.hookline(["schema", "infer"] + files, in: CLIHarness.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let schema = try JSONParser.parse(result.stdout)
        #expect(schema["type"] == "object")
        #expect(schema["required"] == ["email", "eventName", "dataFields"])
        #expect(schema["properties"]?["email"]?["format"] == "email")
    }

    @Test func journeyWebhookSamplesInferToo() async throws {
        let files = try Self.glob("Schemas/iterable/journey-webhook")
        #expect(files.count == 2)
        let result = try await CLIHarness.hookline(["schema", "infer", "--format", "fields"] + files, in: CLIHarness.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try JSONParser.parse(result.stdout).arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names?.contains("workflowId") == true)
        #expect(names?.contains("email") == true)
    }
}
