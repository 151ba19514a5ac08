import Foundation
import SchemaCodegen
import Testing

/// The generator's output over Fixtures/Schemas equals the golden file, which the
/// SchemaCodegenGoldenTests target compiles. `RECORD_SNAPSHOTS=1 swift test` re-records it.
@Suite struct GoldenFileTests {
    @Test func outputOverTheFixturesEqualsTheGoldenFile() async throws {
        let generated = try await CodegenFixtures.generate(try CodegenFixtures.sampleFiles())
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try generated.write(to: CodegenFixtures.goldenFile, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: CodegenFixtures.goldenFile, encoding: .utf8)
        #expect(generated == golden, "the generator's output changed: review it, then re-record with RECORD_SNAPSHOTS=1")
    }

    @Test func theGoldenFileCoversEveryKindOfGeneratedArgument() throws {
        let golden = try String(contentsOf: CodegenFixtures.goldenFile, encoding: .utf8)
        for expected in [
            "optional: true", "nullable: true", "hint: \"Seen as ", "format: .email", "format: .uri",
            "format: .uuid", "format: .phone", "format: .time", "type: .dateTime", "type: .date)", "type: .number",
            "properties: [", "additionalProperties: FieldSchema(", "of: FieldSchema(", "pickList: [",
            "public static let `default`: FieldSchema", "public static let defaultSamples: [JSONValue]",
            "public static let edgeCases: FieldSchema", "public static let orderEvent: FieldSchema",
            "parsedJSON(##\"", "parsedJSON(\"", "\\u{2028}",
        ] {
            #expect(golden.contains(expected), "the golden file lacks \(expected)")
        }
    }
}
