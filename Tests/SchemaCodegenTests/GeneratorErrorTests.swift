import ConnectorKit
import Foundation
import SchemaCodegen
import Testing

/// Bad input is reported at FILE:LINE:COLUMN (or FILE), all problems at once.
@Suite struct GeneratorErrorTests {
    @Test func malformedSampleIsReportedAtItsLineAndColumn() async throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try CodegenFixtures.write(#"{"email":"a@example.com"}"#, "event/a.sample.json", in: directory)
        let bad = try CodegenFixtures.write("{\n  \"email\": \"b@example.com\",\n  \"age\": 4x\n}\n", "event/b.sample.json", in: directory)
        let error = await #expect(throws: SchemaCodegenError.self) {
            try await SchemaCodeGenerator(typeName: "DemoSchemas").generate(sampleFiles: [good, bad])
        }
        let problem = try #require(error?.problems.first)
        #expect(error?.problems.count == 1)
        #expect(problem.file == bad)
        #expect(problem.line == 3)
        #expect(problem.column == 11)
        #expect(error?.description.hasPrefix("\(bad):3:11: error: ") == true)
    }

    @Test func sampleThatIsNotAnObjectIsRefused() async throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try CodegenFixtures.write("\n[1, 2]\n", "event/list.sample.json", in: directory)
        let error = await #expect(throws: SchemaCodegenError.self) {
            try await SchemaCodeGenerator(typeName: "DemoSchemas").generate(sampleFiles: [bad])
        }
        #expect(error?.description.hasPrefix("\(bad):2:1: error: a sample must be a JSON object, found array") == true)
    }

    @Test func everyFolderProblemIsReportedTogether() async throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            try CodegenFixtures.write(#"{"a":1}"#, "42-events/a.sample.json", in: directory),
            try CodegenFixtures.write(#"{"a":1}"#, "order/a.sample.json", in: directory),
            try CodegenFixtures.write(#"{"a":1}"#, "order-samples/a.sample.json", in: directory),
            try CodegenFixtures.write(#"{"a":1}"#, "order_samples/a.sample.json", in: directory),
            try CodegenFixtures.write("{", "broken/a.sample.json", in: directory),
        ]
        let error = await #expect(throws: SchemaCodegenError.self) {
            try await SchemaCodeGenerator(typeName: "9Schemas").generate(sampleFiles: files)
        }
        let messages = error?.problems.map(\.description) ?? []
        #expect(messages.count == 5, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("9Schemas: error: the type name is not a Swift identifier") })
        #expect(messages.contains { $0.hasSuffix("42-events: error: the folder name '42-events' gives no Swift name: use ASCII letters, digits and '-', starting with a letter (e.g. system-webhook)") })
        #expect(messages.contains {
            $0.hasSuffix("order-samples: error: the folder name 'order-samples' gives the Swift name 'orderSamples', but 'orderSamples' is already the samples of folder '\(directory.path)/order': rename the folder")
        })
        #expect(messages.contains { $0.contains("order_samples: error: the folder name 'order_samples' gives the Swift name 'orderSamples'") })
        #expect(messages.contains { $0.hasPrefix("\(directory.path)/broken/a.sample.json:1:2: error: ") })
    }

    @Test func noSampleFilesGiveAnEmptyEnum() async throws {
        let source = try await SchemaCodeGenerator(typeName: "RegalSchemas").generate(sampleFiles: [])
        #expect(source.hasSuffix("\nimport ConnectorKit\n\n/// Field schemas inferred from sample payloads, one per schema folder, with the samples.\npublic enum RegalSchemas {}\n"))
    }
}
