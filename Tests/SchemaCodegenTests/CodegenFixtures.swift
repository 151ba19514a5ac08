import ConnectorKit
import Foundation
import SchemaCodegen

/// The fixture schema folders, the golden file and how the golden output is generated.
enum CodegenFixtures {
    /// This test target's folder (this file is Tests/SchemaCodegenTests/CodegenFixtures.swift).
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// One subfolder per schema, each holding `*.sample.json` files.
    static let schemasFolder = testsFolder.appendingPathComponent("Fixtures/Schemas")

    /// The golden output, compiled by the SchemaCodegenGoldenTests target.
    static let goldenFile = testsFolder.deletingLastPathComponent()
        .appendingPathComponent("SchemaCodegenGoldenTests/Generated/FixtureSchemas.swift")

    /// The golden file's enum name.
    static let typeName = "FixtureSchemas"

    /// Inference options for the golden output: the CLI defaults plus enums, so that pick lists
    /// are generated too. SchemaCodegenGoldenTests infers with the same options.
    static var options: InferenceOptions {
        var options = InferenceOptions()
        options.enums = true
        return options
    }

    /// Every fixture sample file, in path order.
    static func sampleFiles() throws -> [String] {
        let folders = try FileManager.default.contentsOfDirectory(atPath: schemasFolder.path).sorted()
        return try folders.flatMap { folder in
            try SchemaFolder.sampleFiles(in: schemasFolder.appendingPathComponent(folder).path)
        }
    }

    /// The generator's output over `files`.
    static func generate(_ files: [String]) async throws -> String {
        try await SchemaCodeGenerator(typeName: typeName, options: options).generate(sampleFiles: files)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-schemagen-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `relativePath` under `directory` (creating folders) and returns its path.
    @discardableResult
    static func write(_ text: String, _ relativePath: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
