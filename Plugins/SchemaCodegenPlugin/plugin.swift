import Foundation
import PackagePlugin

/// Compiles a connector's sample payloads into Swift field schemas at build time.
///
/// For a target named `XConnector` it reads `Schemas/<x>/` in the package (`x` lowercased):
/// each subfolder is one schema, its `*.sample.json` files the samples. It runs
/// `hookline-schemagen` once, with every sample file as an input and one file, `XSchemas.swift`
/// in the plugin's work directory, as the output: `public enum XSchemas`. A target without
/// schema folders gets an empty enum. Nothing is written into the source tree.
///
/// SwiftPM re-runs this plugin only when it re-plans the build (Package.swift or a target's
/// file list changed). Edited samples are declared inputs and regenerate on their own; after
/// adding or removing a sample, `touch Package.swift`.
@main
struct SchemaCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let connector = target.name.hasSuffix("Connector") ? String(target.name.dropLast("Connector".count)) : target.name
        let typeName = connector + "Schemas"
        let schemas = context.package.directoryURL.appending(path: "Schemas").appending(path: connector.lowercased())
        let samples = try Self.sampleFiles(in: schemas)
        let output = context.pluginWorkDirectoryURL.appending(path: typeName + ".swift")
        return [
            .buildCommand(
                displayName: "Generating \(typeName) from \(samples.count) sample file(s) in Schemas/\(connector.lowercased())",
                executable: try context.tool(named: "hookline-schemagen").url,
                arguments: ["--type-name", typeName, "--output", output.path(percentEncoded: false)]
                    + samples.map { $0.path(percentEncoded: false) },
                inputFiles: samples,
                outputFiles: [output]
            ),
        ]
    }

    /// The `*.sample.json` files in each subfolder of `directory`, in path order; none when
    /// `directory` does not exist.
    static func sampleFiles(in directory: URL) throws -> [URL] {
        let files = FileManager.default
        guard files.fileExists(atPath: directory.path(percentEncoded: false)) else { return [] }
        var samples: [URL] = []
        for folder in try files.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey]) {
            guard try folder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true else { continue }
            samples += try files.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.lastPathComponent.hasSuffix(".sample.json") }
        }
        return samples.sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
    }
}
