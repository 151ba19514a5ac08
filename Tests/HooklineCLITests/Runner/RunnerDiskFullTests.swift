import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline run` when its store cannot write: the sender gets 503 (retry later), never a 2xx
/// for an event that was not stored, and everything works again once writes do.
@Suite("hookline run: a full disk", .serialized)
struct RunnerDiskFullTests {
    static let prlimit = "/usr/bin/prlimit"
    /// A small file system for the ENOSPC test (Tests/reliability/run.sh mounts a tmpfs there).
    static let smallFileSystem = ProcessInfo.processInfo.environment["HOOKLINE_SMALL_FS"].flatMap { $0.isEmpty ? nil : $0 }

    @Test("File size limit reached (EFBIG): 503 while writes fail, the runner serves on, and a retried event is stored once",
          .enabled(if: FileManager.default.isExecutableFile(atPath: prlimit)))
    func fileSizeLimit() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let first = try await runner.post("opens", event: RunnerConfigs.event(0))
            #expect(first.status == 202)
            #expect(try await runner.finishedRun(try #require(first.json?["runId"]?.stringValue))["status"] == "succeeded")

            // No write to any file may grow it past 0 bytes: every store write fails with EFBIG.
            try await Self.setFileSizeLimit(of: runner, to: "0")
            for n in 1...5 {
                let refused = try await runner.post("opens", event: RunnerConfigs.event(n))
                #expect(refused.status == 503, "event \(n): \(refused.status) \(refused.text)")
                #expect(refused.json == ["error": "the event could not be stored; retry later"])
            }
            #expect(try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/healthz")).status == 200)
            #expect(runner.isRunning)

            try await Self.setFileSizeLimit(of: runner, to: "unlimited")
            var runIDs: [String] = []
            for n in 1...6 {
                // The sender retries: each event is new to the store (a stored one would be a duplicate).
                let reply = try await runner.post("opens", event: RunnerConfigs.event(n))
                #expect(reply.status == 202, "event \(n): \(reply.text)")
                #expect(reply.json?["duplicate"] == nil, "event \(n) was not stored while writes failed")
                runIDs.append(try #require(reply.json?["runId"]?.stringValue))
            }
            for id in runIDs {
                #expect(try await runner.finishedRun(id)["status"] == "succeeded")
            }
            #expect(sink.requests.compactMap(\.eventNumber).sorted() == Array(0...6), "each event delivered once")
            #expect(try await runner.terminate() == 0)
            #expect(try await sandbox.runLog().count == 7)
        }
    }

    @Test("File system full (ENOSPC on a small tmpfs): every event is 202 and stored, or 503 and not; recovers when space returns",
          .enabled(if: smallFileSystem != nil))
    func fileSystemFull() async throws {
        let parent = URL(fileURLWithPath: try #require(Self.smallFileSystem))
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL), in: parent)
            let runner = try await sandbox.start()
            #expect(try await runner.post("opens", event: RunnerConfigs.event(0)).status == 202)

            let filler = parent.appendingPathComponent("filler-\(UUID().uuidString)")
            try Self.fill(filler)
            defer { try? FileManager.default.removeItem(at: filler) }
            var statuses: [Int: Int] = [:]
            for n in 1...200 {
                statuses[n] = try await runner.post("opens", event: RunnerConfigs.event(n, padding: String(repeating: "x", count: 2000))).status
                if statuses[n] == 503 { break }
            }
            #expect(statuses.values.contains(503), "a full file system must refuse an event: \(statuses)")
            #expect(Set(statuses.values).isSubset(of: [202, 503]), "\(statuses)")
            #expect(try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/healthz")).status == 200)

            try FileManager.default.removeItem(at: filler)
            // Retried, a 202'd event is a duplicate (it was stored) and a 503'd one is new.
            for (n, status) in statuses.sorted(by: { $0.key < $1.key }) {
                let retried = try await runner.post("opens", event: RunnerConfigs.event(n, padding: String(repeating: "x", count: 2000)))
                #expect(retried.status == 202)
                #expect((retried.json?["duplicate"] == .bool(true)) == (status == 202), "event \(n): first \(status), retried \(retried.text)")
            }
            let delivered = try await eventually(timeout: .seconds(30)) {
                Set(sink.requests.compactMap(\.eventNumber)) == Set(0...statuses.count)
            }
            #expect(delivered)
            #expect(try await runner.terminate() == 0)
            print("disk full (tmpfs): \(statuses.values.filter { $0 == 202 }.count) events stored after the filler, then 503")
        }
    }

    /// Sets the soft RLIMIT_FSIZE of the runner process (`prlimit --pid PID --fsize=LIMIT:`).
    static func setFileSizeLimit(of runner: RunnerProcess, to limit: String) async throws {
        let result = try await CLIHarness.run(URL(fileURLWithPath: prlimit), ["--pid", String(runner.processIdentifier), "--fsize=\(limit):"])
        guard result.status == 0 else { throw HarnessError("prlimit failed: \(result.stderr)") }
    }

    /// Writes `file` until the file system is full.
    static func fill(_ file: URL) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw HarnessError("cannot create \(file.path)") }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let chunk = Data(repeating: 0x78, count: 16_384)
        while true {
            do { try handle.write(contentsOf: chunk) } catch { break }
        }
        // Top up the last partial block.
        while true {
            do { try handle.write(contentsOf: Data(repeating: 0x78, count: 512)) } catch { return }
        }
    }
}
