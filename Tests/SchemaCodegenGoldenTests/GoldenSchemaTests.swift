import ConnectorKit
import Foundation
import Testing

/// Generated/FixtureSchemas.swift is the generator's golden output over
/// Tests/SchemaCodegenTests/Fixtures/Schemas (SchemaCodegenTests keeps it up to date). Compiled
/// here, its schemas must equal what inference gives now, and its samples must be the files'.
@Suite struct GoldenSchemaTests {
    /// Each fixture folder with the schema and samples compiled for it.
    static let compiled: [(folder: String, schema: FieldSchema, samples: [JSONValue])] = [
        ("default", FixtureSchemas.default, FixtureSchemas.defaultSamples),
        ("edge-cases", FixtureSchemas.edgeCases, FixtureSchemas.edgeCasesSamples),
        ("order-event", FixtureSchemas.orderEvent, FixtureSchemas.orderEventSamples),
    ]

    static let schemasFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SchemaCodegenTests/Fixtures/Schemas")

    /// The sample files of `folder`, in file-name order.
    static func sampleFiles(_ folder: String) throws -> [String] {
        let directory = schemasFolder.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sample.json") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { directory.appendingPathComponent($0).path }
    }

    @Test func everyFixtureFolderIsCompiled() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.schemasFolder.path).sorted()
        #expect(folders == Self.compiled.map(\.folder))
    }

    @Test(arguments: 0..<3)
    func compiledSchemaEqualsInference(index: Int) async throws {
        let (folder, schema, _) = Self.compiled[index]
        var options = InferenceOptions()
        options.enums = true  // as CodegenFixtures.options in SchemaCodegenTests
        let inferred = try await SchemaInferrer(options: options).infer(paths: Self.sampleFiles(folder), format: .json)
        #expect(schema == inferred.schema, "\(folder): the golden file is stale or the generator drops a property")
        #expect(schema.jsonSchema() == inferred.schema.jsonSchema())
    }

    @Test(arguments: 0..<3)
    func embeddedSamplesAreTheFilesAndValidate(index: Int) throws {
        let (folder, schema, samples) = Self.compiled[index]
        let files = try Self.sampleFiles(folder).map { try JSONParser.parse([UInt8](Data(contentsOf: URL(fileURLWithPath: $0)))) }
        #expect(samples == files)
        #expect(!samples.isEmpty)
        for (position, sample) in samples.enumerated() {
            let problems = schema.validate(sample)
            #expect(problems.isEmpty, "\(folder) sample \(position): \(problems)")
        }
    }

    @Test func numbersKeepTheirExactDigits() throws {
        let numbers = try #require(FixtureSchemas.edgeCasesSamples.first { $0["huge"] != nil })
        #expect(numbers["huge"]?.serialized() == "1e400")
        #expect(numbers["precise"]?.serialized() == "0.1000000000000000055511151231257827")
        #expect(numbers["big"]?.serialized() == "12345678901234567890")
        #expect(numbers["small"] == .integer(.min))
    }

    @Test func generatedSchemaRejectsWhatTheSamplesRuleOut() {
        let bad: JSONValue = ["status": "lost", "email": "not an email"]
        let pointers = Set(FixtureSchemas.orderEvent.validate(bad).compactMap(\.location))
        #expect(pointers.isSuperset(of: ["/status", "/email", ""]))
    }
}
