import Foundation

/// Files of this repository that tests read: everything a test uses lives inside the package
/// root, so a clone with nothing beside it passes.
enum RepositoryFiles {
    /// The package root (this file is Tests/ConnectorKitTests/RepositoryFiles.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The vendored Mustache spec (Tests/Fixtures/mustache-spec, with its license).
    static let mustacheSpec = root.appendingPathComponent("Tests/Fixtures/mustache-spec")

    /// Every shipped sample payload (`Schemas/**/*.sample.json`), sorted by path.
    static func shippedSamples() throws -> [URL] {
        let schemas = root.appendingPathComponent("Schemas")
        guard let walker = FileManager.default.enumerator(at: schemas, includingPropertiesForKeys: nil) else {
            throw MissingRepositoryFile(path: schemas.path)
        }
        return walker.compactMap { $0 as? URL }.filter { $0.lastPathComponent.hasSuffix(".sample.json") }
            .sorted { $0.path < $1.path }
    }
}

/// A file a test needs is not where the repository keeps it.
struct MissingRepositoryFile: Error, CustomStringConvertible {
    var path: String
    var description: String { "\(path) is missing: tests read it from the repository (restore it with git checkout)" }
}
