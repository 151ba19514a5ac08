import ArgumentParser
import Foundation
import SchemaCodegen

/// `hookline-schemagen`: writes the Swift file of field schemas inferred from sample payloads.
/// The `SchemaCodegenPlugin` build-tool plugin runs it; it can also be run by hand.
@main
struct SchemaGenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookline-schemagen",
        abstract: "Compile folders of *.sample.json payloads into Swift field schemas.",
        discussion: """
            Each sample file's folder is one schema, named after the folder (system-webhook → \
            systemWebhook). Writes `public enum TYPE-NAME` with the inferred FieldSchema and the \
            samples of each folder; the file is only rewritten when its text changes. On bad input \
            it prints FILE:LINE:COLUMN: error: ... on stderr and exits 1.
            """
    )

    @Option(help: "The generated enum's name, e.g. IterableSchemas.")
    var typeName: String

    @Option(help: "The Swift file to write.")
    var output: String

    @Argument(help: "Sample files, or schema folders (their *.sample.json files are read).")
    var inputs: [String] = []

    func run() async throws {
        do {
            let source = try await SchemaCodeGenerator(typeName: typeName).generate(sampleFiles: try sampleFiles())
            try writeIfChanged(source)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        }
    }

    /// The inputs with every folder replaced by its sample files.
    private func sampleFiles() throws(SchemaCodegenError) -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(input)
                continue
            }
            let found = try SchemaFolder.sampleFiles(in: input)
            if found.isEmpty {
                throw SchemaCodegenError(file: input, message: "the folder has no *.sample.json files: add at least one sample")
            }
            files += found
        }
        return files
    }

    /// Writes `source` unless the file already holds exactly it (so nothing downstream recompiles).
    private func writeIfChanged(_ source: String) throws(SchemaCodegenError) {
        let bytes = Data(source.utf8)
        if FileManager.default.contents(atPath: output) == bytes { return }
        do {
            try bytes.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw SchemaCodegenError(file: output, message: "cannot write the generated file: \(error.localizedDescription)")
        }
    }
}
