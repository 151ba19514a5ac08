import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline logs` against a store a running `hookline run` writes to.
@Suite("hookline logs")
struct RunnerLogsTests {
    @Test("logs --follow --status failed prints every run that fails, also one that fails after a newer one")
    func followPrintsLateFailures() async throws {
        try await withSink { sink in
            // The first request is answered late, the second at once: the older run fails last.
            sink.enqueue(.json(400, ["msg": "slow", "code": "BadParams"]).delayed(by: .milliseconds(1200)),
                         .json(400, ["msg": "fast", "code": "BadParams"]))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, leaseSeconds: 30, timeoutSeconds: 3))
            let runner = try await sandbox.start()
            let follower = try BackgroundProcess(CLIHarness.hooklineBinary,
                                                 ["logs", "--store", "sqlite:" + sandbox.storePath, "--status", "failed", "--follow"])

            let slow = try #require(try await runner.post("opens", event: RunnerConfigs.event(1)).json?["runId"]?.stringValue)
            #expect(try await eventually { sink.requests.count == 1 })
            let fast = try #require(try await runner.post("opens", event: RunnerConfigs.event(2)).json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(fast)["status"] == "failed")
            #expect(try await runner.finishedRun(slow)["status"] == "failed")

            let printedBoth = try await eventually(timeout: .seconds(3)) {
                follower.stdout.text.contains(slow) && follower.stdout.text.contains(fast)
            }
            #expect(printedBoth, "\(follower.stdout.text)\n\(follower.stderr.text)\nslow \(slow) fast \(fast)")
            let lines = follower.stdout.text.split(separator: "\n")
            #expect(lines.count == 2, "each failed run once: \(lines)")
            for id in [fast, slow] {
                #expect(lines.filter { $0.contains("  \(id)  opens  failed  step track: permanent error (http_400)") }.count == 1)
            }
            follower.stop()
            #expect(try await runner.terminate() == 0)
        }
    }

    @Test("logs --follow shows each run as it changes: accepted, then succeeded or failed")
    func followShowsStatusChanges() async throws {
        try await withSink { sink in
            sink.enqueue(.json(200, ["msg": "", "code": "Success"]).delayed(by: .milliseconds(600)),
                         .json(400, ["msg": "no", "code": "BadParams"]).delayed(by: .milliseconds(600)))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, leaseSeconds: 30, timeoutSeconds: 3))
            let runner = try await sandbox.start()
            let follower = try BackgroundProcess(CLIHarness.hooklineBinary, ["logs", "--store", "sqlite:" + sandbox.storePath, "--follow"])
            try await Task.sleep(for: .milliseconds(300))
            let ok = try #require(try await runner.post("opens", event: RunnerConfigs.event(1)).json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(ok)["status"] == "succeeded")
            let bad = try #require(try await runner.post("opens", event: RunnerConfigs.event(2)).json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(bad)["status"] == "failed")
            let shown = try await eventually(timeout: .seconds(3)) {
                follower.stdout.text.contains("\(ok)  opens  succeeded") && follower.stdout.text.contains("\(bad)  opens  failed")
            }
            #expect(shown, "\(follower.stdout.text)")
            let lines = follower.stdout.text.split(separator: "\n")
            let okLines = lines.filter { $0.contains(ok) }
            #expect(okLines.count == 2, "arrival, then the outcome: \(lines)")
            #expect(okLines.first.map { $0.contains("  queued") || $0.contains("  running") } == true, "\(okLines)")
            follower.stop()
            #expect(try await runner.terminate() == 0)
        }
    }

    @Test("An error body that echoes the API key is redacted in the run, the attempts and hookline logs")
    func redactsAnEchoedAPIKey() async throws {
        try await withSink { sink in
            sink.enqueue(.json(400, ["msg": .string("Invalid API key: \(RunnerSandbox.apiKey)"), "code": "BadApiKey",
                                     "params": ["headers": ["Api-Key": .string(RunnerSandbox.apiKey)]]]))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let runID = try #require(try await runner.post("opens", event: RunnerConfigs.event(1)).json?["runId"]?.stringValue)
            let run = try await runner.finishedRun(runID)
            #expect(run["status"] == "failed")
            let error = try #require(run["error"]?.stringValue)
            #expect(error.hasPrefix("step track: permanent error (http_400): POST /api/events/track: Iterable answered 400 BadApiKey: Invalid API key: <redacted>"))
            #expect(!run.serialized().contains(RunnerSandbox.apiKey))
            #expect(run["attempts"]?.arrayValue?.first?["response"]?.stringValue?.contains("<redacted>") == true)
            #expect(try await runner.terminate() == 0)
            try await expectNoSecret(RunnerSandbox.apiKey, runner: runner, sandbox: sandbox)
        }
    }
}
