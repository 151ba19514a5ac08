import ConnectorKit
import Foundation

/// A temporary package laid out like Hookline's, as far as the scaffold reads and edits it: the
/// real Package.swift and BuiltInConnectors.swift, and empty Connectors/, Schemas/ and Tests/.
struct ScaffoldPackage {
    let root: URL

    init() throws {
        root = try CLIHarness.temporaryDirectory()
        let files = FileManager.default
        for folder in ["Connectors", "Schemas", "Tests", "Sources/HooklineConnectors"] {
            try files.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["Package.swift", "Sources/HooklineConnectors/BuiltInConnectors.swift"] {
            try files.copyItem(at: CLIHarness.packageRoot.appendingPathComponent(file), to: root.appendingPathComponent(file))
        }
    }

    /// `hookline new arguments... --package-path root`.
    func new(_ arguments: [String]) async throws -> CLIHarness.Result {
        try await CLIHarness.hookline(["new"] + arguments + ["--package-path", root.path])
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// The files under `folder`, relative to it, sorted.
    func files(under folder: String) throws -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return enumerator.compactMap { $0 as? String }
            .filter { !(((try? base.appendingPathComponent($0).resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory) ?? false) }
            .sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// Type-checks generated sources with the compiler and the modules of this test build, as SwiftPM
/// compiles the built-in connectors' tests (the flags come from `.build/debug.yaml`).
enum GeneratedCodeCompiler {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The build folder holding this test binary (`.build/<triple>/debug`).
    static var buildFolder: URL { CLIHarness.hooklineBinary.deletingLastPathComponent() }

    /// The compiler and the flags SwiftPM gave `CloutlyConnectorTests`: module search paths,
    /// C module maps, target, language mode and upcoming features.
    static func swiftPMFlags() throws -> (compiler: String, flags: [String]) {
        let manifest = buildFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("debug.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: {
            $0.contains("args: [") && $0.contains("\"-module-name\",\"CloutlyConnectorTests\"")
        }), let open = line.firstIndex(of: "[") else {
            throw Failure(description: "no compile command for CloutlyConnectorTests in \(manifest.path)")
        }
        let arguments = try JSONParser.parse(String(line[open...])).arrayValue?.compactMap(\.stringValue) ?? []
        guard let compiler = arguments.first else { throw Failure(description: "an empty compile command in \(manifest.path)") }
        let withValue: Set<String> = ["-I", "-target", "-Xcc", "-Xfrontend", "-swift-version", "-enable-upcoming-feature", "-sdk",
                                      "-module-cache-path", "-F", "-package-name", "-language-mode"]
        var flags: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if withValue.contains(argument), index + 1 < arguments.count {
                flags += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if argument.hasPrefix("-D") || argument.hasPrefix("-swift-version") { flags.append(argument) }
            index += 1
        }
        return (compiler, flags)
    }

    /// Builds `<Name>Schemas.swift` with the real generator, emits the connector's module and
    /// type-checks its tests against it, warnings as errors.
    /// - Throws: ``Failure`` with the compiler's output.
    static func check(_ package: ScaffoldPackage, connector: String) async throws {
        let (compiler, flags) = try swiftPMFlags()
        let work = package.root.appendingPathComponent(".typecheck-\(connector)")
        let modules = work.appendingPathComponent("Modules")
        try FileManager.default.createDirectory(at: modules, withIntermediateDirectories: true)
        let schemaFolder = "Schemas/\(connector.lowercased())"
        let samples = try package.files(under: schemaFolder).map { package.root.appendingPathComponent(schemaFolder).appendingPathComponent($0).path }
        let schemas = work.appendingPathComponent("\(connector)Schemas.swift")
        try await run(buildFolder.appendingPathComponent("hookline-schemagen").path,
                      ["--type-name", "\(connector)Schemas", "--output", schemas.path] + samples, what: "hookline-schemagen")
        let sources = try package.files(under: "Connectors/\(connector)").map { package.root.appendingPathComponent("Connectors/\(connector)/\($0)").path }
        try await run(compiler, ["-emit-module", "-parse-as-library", "-module-name", "\(connector)Connector", "-warnings-as-errors",
                                 "-emit-module-path", modules.appendingPathComponent("\(connector)Connector.swiftmodule").path]
                      + flags + sources + [schemas.path], what: "the connector")
        let tests = try package.files(under: "Tests/\(connector)ConnectorTests").map {
            package.root.appendingPathComponent("Tests/\(connector)ConnectorTests/\($0)").path
        }
        try await run(compiler, ["-typecheck", "-parse-as-library", "-module-name", "\(connector)ConnectorTests", "-warnings-as-errors",
                                 "-I", modules.path] + flags + tests, what: "the connector's tests")
    }

    private static func run(_ program: String, _ arguments: [String], what: String) async throws {
        let result = try await CLIHarness.run(URL(fileURLWithPath: program), arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(what) failed to compile (exit \(result.status)):\n\(result.stderr)\(result.stdout)")
        }
    }
}
