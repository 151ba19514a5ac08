import Foundation

/// Runs the built `hookline` binary and other programs for end-to-end tests.
enum CLIHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root (this file is Tests/HooklineCLITests/CLIHarness.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file of this repository by its path from the package root. Tests read nothing outside
    /// the package root; a missing file is an error naming it, never a skipped check.
    static func repositoryFile(_ path: String) throws -> URL {
        let url = packageRoot.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw HarnessError("\(url.path) is missing: tests read it from the repository (restore it with git checkout)")
        }
        return url
    }

    /// A shipped sample payload: `Schemas/<connector>/<trigger or action>/<name>.sample.json`.
    static func sample(_ path: String) throws -> URL {
        try repositoryFile("Schemas/\(path).sample.json")
    }

    /// The `hookline` executable built next to this test bundle.
    static var hooklineBinary: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Darwin the test binary sits inside an .xctest bundle.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("hookline").path),
              directory.pathComponents.count > 1
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("hookline")
    }

    /// Runs `hookline arguments...`, optionally feeding `stdin`.
    static func hookline(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) async throws -> Result {
        try await run(hooklineBinary, arguments, stdin: stdin, in: directory)
    }

    /// Runs `python3 arguments...`.
    static func python(_ arguments: [String]) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
    }

    /// Runs a program to its end. Waiting happens on threads of its own, never on Swift
    /// concurrency's few cooperative threads: blocking those stalls every other test's timers
    /// (AsyncHTTPClient's deadlines need a free one to fire).
    static func run(_ executable: URL, _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result { try runBlocking(executable, arguments, stdin: stdin, in: directory) })
            }
            thread.start()
        }
    }

    private static func runBlocking(_ executable: URL, _ arguments: [String], stdin: Data?, in directory: URL?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let errData = LockedData()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to a file `name` in `directory` and returns its path.
    static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Writes the benchmarks' corpus of `count` Iterable-style events (`Benchmarks/make_corpus.py`) to `url`.
    static func makeCorpus(_ count: Int, at url: URL, seed: Int = 7) async throws {
        let generator = try repositoryFile("Benchmarks/make_corpus.py")
        let result = try await python([generator.path, String(count), url.path, "--seed", String(seed)])
        guard result.status == 0 else { throw HarnessError("make_corpus.py failed: \(result.stderr)") }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Data handed from the stderr-draining thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data ?? Data() } }
    var isSet: Bool { lock.withLock { data != nil } }
}
