import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

/// The progress line of `schema infer` and `replay --failed`: drawn on a terminal (a pty from
/// util-linux `script`), never into a pipe, and not with `--no-progress`.
@Suite("progress output")
struct ProgressOutputTests {
    /// Runs `hookline arguments...` with a pseudo-terminal as stdin, stdout and stderr; returns
    /// everything it wrote there (the terminal turns `\n` into `\r\n`).
    static func onTerminal(_ arguments: [String]) async throws -> CLIHarness.Result {
        let command = ([CLIHarness.hooklineBinary.path] + arguments).map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        return try await CLIHarness.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["-u", "CI", "TERM=xterm", "script", "-qec", command, "/dev/null"])
    }

    /// Sample files for `schema infer`.
    static func samples(_ count: Int) throws -> (URL, [String]) {
        let folder = try CLIHarness.temporaryDirectory()
        let paths = try (0..<count).map { index in
            let url = folder.appendingPathComponent("sample-\(index).json")
            try Data(#"{"id": \#(index), "email": "u\#(index)@example.com"}"#.utf8).write(to: url)
            return url.path
        }
        return (folder, paths)
    }

    @Test func inferDrawsProgressOnATerminalOnly() async throws {
        let (folder, files) = try Self.samples(20)
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try await Self.onTerminal(["schema", "infer"] + files)
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.contains("\rinfer: "), "\(terminal.stdout.debugDescription)")
        #expect(terminal.stdout.contains(" of \(try Self.totalSize(files)) B ("))
        let schemaStart = try #require(terminal.stdout.range(of: "{\r\n"))
        #expect(terminal.stdout[..<schemaStart.lowerBound].hasSuffix("\r\u{1B}[K"), "the line is erased before the schema is printed")

        let quiet = try await Self.onTerminal(["schema", "infer", "--no-progress"] + files)
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("\rinfer"))
        #expect(!quiet.stdout.contains("\u{1B}[K"))

        let piped = try await CLIHarness.hookline(["schema", "infer"] + files)
        #expect(piped.status == 0)
        #expect(piped.stderr == "")
        #expect(piped.stdout.hasPrefix("{\n"))
    }

    static func totalSize(_ files: [String]) throws -> Int {
        try files.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
    }

    /// A store holding `count` failed runs of flow `f`.
    static func storeWithFailedRuns(_ count: Int) async throws -> (URL, String) {
        let folder = try CLIHarness.temporaryDirectory()
        let path = folder.appendingPathComponent("runs.sqlite").path
        let store = try SQLiteRunStore(path: path)
        _ = try await store.ingest((0..<count).map { NewRun(flow: "f", webhookID: "w\($0)", event: ["n": .integer(Int64($0))]) }, now: 1)
        let now = WallClock.now
        let leased = try await store.lease(owner: "test", limit: count, now: now, until: now + 600)
        #expect(leased.count == count)
        for var run in leased {
            run.status = .failed
            run.error = "step s: permanent error"
            #expect(try await store.update(run, owner: "test", now: now))
        }
        return (folder, path)
    }

    @Test func replayDrawsProgressOnATerminalOnly() async throws {
        let (folder, path) = try await Self.storeWithFailedRuns(501)
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try await Self.onTerminal(["replay", "--failed", "--store", "sqlite:" + path])
        #expect(terminal.status == 0, "\(terminal.stdout)")
        #expect(terminal.stdout.hasPrefix("\rreplay: 500 of 501 runs (99%)\u{1B}[K"), "\(terminal.stdout.prefix(200).debugDescription)")
        #expect(terminal.stdout.contains("\r\u{1B}[Kreplayed "))
        #expect(terminal.stdout.hasSuffix("501 runs queued again\r\n"))

        let (smallFolder, small) = try await Self.storeWithFailedRuns(3)
        defer { try? FileManager.default.removeItem(at: smallFolder) }
        let piped = try await CLIHarness.hookline(["replay", "--failed", "--store", "sqlite:" + small])
        #expect(piped.status == 0)
        #expect(piped.stderr == "")
        #expect(piped.stdout.split(separator: "\n").count == 4)
        #expect(piped.stdout.hasSuffix("3 runs queued again\n"))
        #expect(try await SQLiteRunStore(path: small).failedRunIDs(flow: nil).isEmpty)
    }
}
