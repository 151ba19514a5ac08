import Foundation
import SchemaCodegen
import Testing

/// The `hookline-schemagen` executable the build-tool plugin runs.
@Suite struct SchemaGenCommandTests {
    @Test func writesTheGeneratorsOutputForFoldersAndFiles() async throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("FixtureSchemas.swift").path
        let folders = try FileManager.default.contentsOfDirectory(atPath: CodegenFixtures.schemasFolder.path).sorted()
            .map { CodegenFixtures.schemasFolder.appendingPathComponent($0).path }
        let result = try SchemaGen.run(["--type-name", "DemoSchemas", "--output", output] + folders)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let expected = try await SchemaCodeGenerator(typeName: "DemoSchemas").generate(sampleFiles: CodegenFixtures.sampleFiles())
        #expect(try String(contentsOfFile: output, encoding: .utf8) == expected)
    }

    @Test func badSampleExitsNonZeroWithALocatedErrorAndWritesNothing() throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try CodegenFixtures.write("{\"a\": tru}\n", "event/bad.sample.json", in: directory)
        let output = directory.appendingPathComponent("Out.swift").path
        let result = try SchemaGen.run(["--type-name", "DemoSchemas", "--output", output, bad])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(bad):1:7: error: "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func unchangedOutputIsNotRewritten() throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = try CodegenFixtures.write(#"{"a":1}"#, "event/a.sample.json", in: directory)
        let output = directory.appendingPathComponent("Out.swift").path
        #expect(try SchemaGen.run(["--type-name", "DemoSchemas", "--output", output, sample]).status == 0)
        let old = Date(timeIntervalSince1970: 1_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: output)
        #expect(try SchemaGen.run(["--type-name", "DemoSchemas", "--output", output, sample]).status == 0)
        let modified = try FileManager.default.attributesOfItem(atPath: output)[.modificationDate] as? Date
        #expect(modified == old)
    }

    @Test func emptyFolderIsRefused() throws {
        let directory = try CodegenFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("nothing").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let result = try SchemaGen.run(["--type-name", "DemoSchemas", "--output", directory.appendingPathComponent("Out.swift").path, empty])
        #expect(result.status == 1)
        #expect(result.stderr == "\(empty): error: the folder has no *.sample.json files: add at least one sample\n")
    }
}

/// Runs the built `hookline-schemagen` binary.
enum SchemaGen {
    struct Result {
        var status: Int32
        var stderr: String
    }

    /// The executable built next to this test bundle.
    static var binary: URL {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("hookline-schemagen").path),
              directory.pathComponents.count > 1
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("hookline-schemagen")
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }
}
