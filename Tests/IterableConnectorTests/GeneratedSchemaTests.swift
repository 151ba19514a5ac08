import ConnectorKit
import Foundation
import IterableConnector
import Testing

/// `IterableSchemas` is generated at build time by SchemaCodegenPlugin from Schemas/iterable/.
@Suite struct GeneratedSchemaTests {
    static let schemasFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schemas/iterable")

    @Test func systemWebhookSamplesValidateAgainstTheGeneratedSchema() {
        #expect(IterableSchemas.systemWebhook.type == .object)
        #expect(IterableSchemas.systemWebhookSamples.count == 23)
        for sample in IterableSchemas.systemWebhookSamples {
            let problems = IterableSchemas.systemWebhook.validate(sample)
            #expect(problems.isEmpty, "\(sample["eventName"]?.serialized() ?? "?"): \(problems)")
        }
    }

    @Test func journeyWebhookSamplesValidateAgainstTheGeneratedSchema() {
        #expect(IterableSchemas.journeyWebhookSamples.count == 2)
        for sample in IterableSchemas.journeyWebhookSamples {
            #expect(IterableSchemas.journeyWebhook.validate(sample).isEmpty)
        }
    }

    @Test func generatedSchemaIsWhatSchemaInferReportsForTheFolder() async throws {
        let folder = Self.schemasFolder.appendingPathComponent("system-webhook")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sample.json") }
            .map { folder.appendingPathComponent($0).path }
        let inferred = try await SchemaInferrer().infer(paths: files, format: .json)
        #expect(IterableSchemas.systemWebhook == inferred.schema)
    }

    @Test func generatedSchemaDescribesTheSystemWebhookPayload() throws {
        let schema = IterableSchemas.systemWebhook
        #expect(schema.property(named: "email")?.format == .email)
        #expect(schema.property(named: "eventName")?.type == .string)
        let dataFields = try #require(schema.property(named: "dataFields"))
        #expect(dataFields.type == .object)
        #expect(!schema.validate(["eventName": "emailOpen"]).isEmpty, "a payload without email must be refused")
    }
}
