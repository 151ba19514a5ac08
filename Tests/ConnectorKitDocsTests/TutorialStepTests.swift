import Foundation
import Testing

/// "Write your first connector", followed step by step: after each `@Code` step, the connector's
/// files as they stand then type-check (swiftc against the built ConnectorKit module, warnings as
/// errors), and the final files are the ones compiled into the `AcmeConnector` target and this
/// test target (whose AcmeConnectorTests run the connector against a LoopbackServer).
@Suite struct TutorialStepTests {
    static let tutorialPath = "Tutorials/WriteYourFirstConnector.tutorial"

    /// One `@Code` step: the file it shows, and every file of the tutorial as it stands after it.
    struct Step: CustomStringConvertible {
        var number: Int
        var name: String
        var file: String
        var state: [String: String]
        var isTest: Bool { name.hasSuffix("Tests.swift") }
        var description: String { "step \(number) (\(name) ← \(file))" }
    }

    static let steps: [Step] = {
        let text = try! DocumentationCatalog.text(tutorialPath)
        let pattern = try! NSRegularExpression(pattern: #"@Code\(name:\s*"([^"]+)",\s*file:\s*"([^"]+)"\)"#)
        var state: [String: String] = [:]
        var steps: [Step] = []
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(match.range(at: 1), in: text)!]), file = String(text[Range(match.range(at: 2), in: text)!])
            state[name] = file
            steps.append(Step(number: steps.count + 1, name: name, file: file, state: state))
        }
        return steps
    }()

    static let packageRoot = DocumentationCatalog.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func resource(_ file: String) -> URL {
        DocumentationCatalog.root.appendingPathComponent("Resources").appendingPathComponent(file)
    }

    /// Where the final version of `name` is compiled.
    static func compiledCopy(of name: String) -> URL {
        packageRoot.appendingPathComponent(name.hasSuffix("Tests.swift") ? "Tests/ConnectorKitDocsTests" : "Tests/TutorialAcmeConnector")
            .appendingPathComponent(name)
    }

    @Test func theTutorialHasItsSteps() throws {
        #expect(Self.steps.map(\.file) == ["acme-connector-01.swift", "acme-connector-02.swift", "upsert-contact-01.swift", "upsert-contact-02.swift",
                                           "upsert-contact-03.swift", "acme-connector-03.swift", "acme-connector-tests.swift"])
        let resources = try FileManager.default.contentsOfDirectory(atPath: DocumentationCatalog.root.appendingPathComponent("Resources").path)
            .filter { $0.hasSuffix(".swift") }
        #expect(Set(resources) == Set(Self.steps.map(\.file)), "every Swift file in Resources/ is a step of the tutorial, and back")
    }

    @Test func theFinalFilesAreTheCompiledOnes() throws {
        let final = try #require(Self.steps.last).state
        for (name, file) in final {
            let shown = try String(contentsOf: Self.resource(file), encoding: .utf8)
            let compiled = try String(contentsOf: Self.compiledCopy(of: name), encoding: .utf8)
            #expect(shown == compiled, "\(Self.compiledCopy(of: name).path) is not the tutorial's last \(name) (\(file))")
        }
    }

    @Test(arguments: steps.filter { !$0.isTest })
    func stepTypeChecks(_ step: Step) async throws {
        let files = step.state.filter { !$0.key.hasSuffix("Tests.swift") }.values.sorted().map { Self.resource($0).path }
        let result = try await SwiftCompiler.typeCheck(files, moduleName: "AcmeConnector")
        #expect(result.status == 0, "\(step) does not compile:\n\(result.output)")
        #expect(result.output.isEmpty, "\(step) compiles with diagnostics:\n\(result.output)")
    }
}

/// `swiftc -typecheck` against the modules of the running build.
enum SwiftCompiler {
    /// The folder holding ConnectorKit.swiftmodule: `Modules` beside the test bundle.
    static func modulesFolder() throws -> URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<3 {
            for candidate in [folder.appendingPathComponent("Modules"), folder] where
                FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ConnectorKit.swiftmodule").path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        throw CompilerNotFound("no ConnectorKit.swiftmodule near \(executable.path); run the tests with swift test")
    }

    /// swiftc on PATH, else beside the running toolchain's `swift`.
    static func swiftc() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CompilerNotFound("swiftc is not on PATH (\(path))")
    }

    struct CompilerNotFound: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Type-checks `files` as module `moduleName` with the package's settings; the status and
    /// everything the compiler printed.
    static func typeCheck(_ files: [String], moduleName: String) async throws -> (status: Int32, output: String) {
        let arguments = ["-typecheck", "-parse-as-library", "-module-name", moduleName, "-swift-version", "6",
                         "-enable-upcoming-feature", "ExistentialAny", "-enable-upcoming-feature", "MemberImportVisibility",
                         "-warnings-as-errors", "-I", try modulesFolder().path] + files
        let executable = try swiftc()
        // Off the cooperative pool: waiting for a process blocks its thread.
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                do {
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
