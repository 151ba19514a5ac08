import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline run` delivering Iterable system webhooks as `track_event` calls to a loopback
/// Iterable: the request it sends, retries, permanent failures, replay and duplicates.
@Suite("hookline run: delivery")
struct RunnerDeliveryTests {
    @Test("A webhook is stored, answered 202 with its run id, and tracked with exactly the mapped request")
    func deliversTheMappedRequest() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let reply = try await runner.post("opens", event: RunnerConfigs.event(1))
            #expect(reply.status == 202)
            let runID = try #require(reply.json?["runId"]?.stringValue)
            #expect(reply.json == ["runId": .string(runID)])

            let run = try await runner.finishedRun(runID)
            #expect(run["status"] == "succeeded")
            #expect(run["flow"] == "opens")
            #expect(run["event"] == RunnerConfigs.event(1))
            // system_webhook's dedupe key: eventName, messageId, createdAt.
            #expect(run["webhookId"] == #"["emailOpen","msg-1","2026-06-10 14:02:11 +00:00"]"#)
            #expect(run["error"] == nil)

            #expect(sink.requests.count == 1)
            let request = try #require(sink.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/api/events/track")
            #expect(request.headers["Api-Key"] == RunnerSandbox.apiKey)
            #expect(request.headers["Content-Type"] == "application/json")
            #expect(request.headers["Accept"] == "application/json")
            #expect(request.headers["Idempotency-Key"] == "\(runID):track")
            #expect(request.json == RunnerConfigs.trackBody(1))

            let attempts = try #require(run["attempts"]?.arrayValue)
            #expect(attempts.count == 1)
            #expect(attempts.first?["step"] == "track")
            #expect(attempts.first?["attempt"] == 1)
            #expect(attempts.first?["outcome"] == "succeeded")
            #expect(attempts.first?["status"] == 200)
            let logged = try #require(attempts.first?["requests"]?.arrayValue?.first)
            #expect(logged["method"] == "POST")
            #expect(logged["url"] == .string(sink.baseURL + "/api/events/track"))
            #expect(logged["headers"]?["Api-Key"] == "<redacted>")
            #expect(logged["headers"]?["Idempotency-Key"] == .string("\(runID):track"))
            #expect(logged["status"] == 200)
            #expect(logged["body"]?.stringValue.flatMap { try? JSONParser.parse($0) } == RunnerConfigs.trackBody(1))

            let listed = try await runner.api("runs?flow=opens")
            #expect(listed.status == 200)
            let runs = try #require(listed.json?["runs"]?.arrayValue)
            #expect(runs.map { $0["id"] } == [.string(runID)])
            #expect(runs.first?["status"] == "succeeded")
            #expect(runs.first?["event"] == nil, "the list leaves personal data out")

            let log = try await sandbox.runLog()
            #expect(log.count == 1)
            #expect(log.first?["id"] == .string(runID))
            #expect(log.first?["status"] == "succeeded")
            #expect(log.first?["attempts"]?.arrayValue?.map { $0["outcome"] } == ["succeeded"])

            #expect(try await runner.terminate() == 0)
            try await expectNoSecret(RunnerSandbox.apiKey, runner: runner, sandbox: sandbox)
        }
    }

    @Test("A 503 is retried after the configured delay with the same Idempotency-Key; two attempts, succeeded")
    func retriesAnUnavailableAnswer() async throws {
        try await withSink { sink in
            sink.enqueue(.unavailable)
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let reply = try await runner.post("opens", event: RunnerConfigs.event(2))
            #expect(reply.status == 202)
            let runID = try #require(reply.json?["runId"]?.stringValue)

            let run = try await runner.finishedRun(runID)
            #expect(run["status"] == "succeeded")
            #expect(run["error"] == nil)
            let requests = sink.requests
            #expect(requests.count == 2)
            #expect(Set(requests.map { $0.headers["Idempotency-Key"] }) == ["\(runID):track"])
            #expect(requests.map(\.json) == [RunnerConfigs.trackBody(2), RunnerConfigs.trackBody(2)])
            #expect(requests.map(\.uri) == ["/api/events/track", "/api/events/track"])

            let attempts = try #require(run["attempts"]?.arrayValue)
            #expect(attempts.map { $0["outcome"] } == ["retry", "succeeded"])
            #expect(attempts.map { $0["attempt"] } == [1, 2])
            #expect(attempts.map { $0["status"] } == [503, 200])
            #expect(attempts.first?["error"]?.stringValue?.hasPrefix("retryable error (http_503): POST /api/events/track: Iterable answered 503") == true)
            let first = try #require(unixTime(attempts.first?["startedAt"]))
            let second = try #require(unixTime(attempts.last?["startedAt"]))
            #expect(second - first >= 0.2, "retry.delaySeconds is 0.2")
            #expect(second - first < 3, "the 0.2 s delay replaces Iterable's 180 s")

            let log = try await sandbox.runLog()
            #expect(log.first?["status"] == "succeeded")
            #expect(log.first?["attempts"]?.arrayValue?.count == 2)
            #expect(try await runner.terminate() == 0)
        }
    }

    @Test("A 400 fails the run after one attempt; logs --status failed lists it; replay delivers it")
    func failsOnBadRequestThenReplays() async throws {
        try await withSink { sink in
            sink.enqueue(.json(400, ["msg": "Invalid email: ana@", "code": "InvalidEmailAddressError"]))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let reply = try await runner.post("opens", event: RunnerConfigs.event(3))
            let runID = try #require(reply.json?["runId"]?.stringValue)

            let failed = try await runner.finishedRun(runID)
            #expect(failed["status"] == "failed")
            let error = "step track: permanent error (http_400): POST /api/events/track: Iterable answered 400 InvalidEmailAddressError: "
                + #"Invalid email: ana@ — body: {"msg":"Invalid email: ana@","code":"InvalidEmailAddressError"}"#
            #expect(failed["error"] == .string(error))
            #expect(failed["attempts"]?.arrayValue?.map { $0["outcome"] } == ["failed"])
            // Several poll intervals later there is still one request: a 400 is not retried.
            try await Task.sleep(for: .milliseconds(400))
            #expect(sink.requests.count == 1)

            let listing = try await sandbox.hooklineLogs(["--status", "failed"])
            #expect(listing.status == 0)
            let lines = listing.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasSuffix("  \(runID)  opens  failed  \(error)") == true, "\(listing.stdout)")
            #expect(try await sandbox.hooklineLogs(["--status", "succeeded"]).stdout == "")

            let replay = try await CLIHarness.hookline(["replay", runID, "--store", "sqlite:" + sandbox.storePath])
            #expect(replay.status == 0)
            #expect(replay.stdout == "replayed \(runID)\n1 run queued again\n")
            let replayed = try await runner.finishedRun(runID)
            #expect(replayed["status"] == "succeeded")
            #expect(replayed["error"] == nil)
            #expect(replayed["attempts"]?.arrayValue?.map { $0["outcome"] } == ["failed", "succeeded"])
            #expect(replayed["attempts"]?.arrayValue?.map { $0["status"] } == [400, 200])
            #expect(sink.requests.count == 2)
            #expect(sink.requests.last?.json == RunnerConfigs.trackBody(3))
            #expect(try await sandbox.hooklineLogs(["--status", "failed"]).stdout == "")

            // Replaying a run that is not failed is refused.
            let again = try await CLIHarness.hookline(["replay", runID, "--store", "sqlite:" + sandbox.storePath])
            #expect(again.status != 0)
            #expect(again.stderr.contains("error: run \(runID) is succeeded, not failed: only failed runs are replayed"))
            #expect(try await runner.terminate() == 0)
            try await expectNoSecret(RunnerSandbox.apiKey, runner: runner, sandbox: sandbox)
        }
    }

    @Test("A repeated webhook-id answers 202 with the first run id and duplicate: true; one delivery")
    func deduplicatesByWebhookID() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let first = try await runner.post("opens", event: RunnerConfigs.event(4), headers: ["webhook-id": "msg_2Kd9"])
            #expect(first.status == 202)
            let runID = try #require(first.json?["runId"]?.stringValue)
            #expect(first.json == ["runId": .string(runID)])
            let second = try await runner.post("opens", event: RunnerConfigs.event(4), headers: ["webhook-id": "msg_2Kd9"])
            #expect(second.status == 202)
            #expect(second.json == ["runId": .string(runID), "duplicate": true])

            #expect(try await runner.finishedRun(runID)["status"] == "succeeded")
            let third = try await runner.post("opens", event: RunnerConfigs.event(4), headers: ["webhook-id": "msg_2Kd9"])
            #expect(third.json == ["runId": .string(runID), "duplicate": true])
            try await Task.sleep(for: .milliseconds(300))
            #expect(sink.requests.count == 1)
            let runs = try await runner.api("runs").json?["runs"]?.arrayValue
            #expect(runs?.count == 1)
            #expect(runs?.first?["webhookId"] == "msg_2Kd9")
            #expect(try await runner.terminate() == 0)
        }
    }

    @Test("The operator API needs the admin token; lists flows; refuses to replay a run that did not fail")
    func operatorAPI() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let anonymous = try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/api/runs"))
            #expect(anonymous.status == 401)
            #expect(try await runner.api("runs", token: "admin-token-0123456789abcdeX").status == 401)

            let flows = try await runner.api("flows")
            #expect(flows.status == 200)
            #expect(flows.json == ["flows": [[
                "id": "opens",
                "trigger": ["connector": "iterable@1", "trigger": "system_webhook", "options": [:], "verified": false],
                "steps": [["id": "track", "connector": "iterable@1", "action": "track_event", "connection": "iterable", "maxAttempts": 3]],
            ]]])

            let runID = try #require(try await runner.post("opens", event: RunnerConfigs.event(5)).json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(runID)["status"] == "succeeded")
            let replay = try await runner.api("runs/\(runID)/replay", method: .post)
            #expect(replay.status == 409)
            #expect(try await runner.api("runs/run_doesnotexist").status == 404)
            #expect(try await runner.terminate() == 0)
        }
    }
}

/// Runs `body` with a loopback Iterable answering `200 {"code": "Success"}`, shut down afterwards.
func withSink<T>(_ body: (LoopbackServer) async throws -> T) async throws -> T {
    let sink = try await LoopbackServer.start()
    sink.setFallback(RunnerConfigs.success)
    do {
        let result = try await body(sink)
        try await sink.shutdown()
        return result
    } catch {
        try? await sink.shutdown()
        throw error
    }
}

/// Checks that `secret` is nowhere the operator could see it: the runner's output, `hookline
/// logs` (text and JSON) and the store's files.
func expectNoSecret(_ secret: String, runner: RunnerProcess, sandbox: RunnerSandbox,
                    sourceLocation: SourceLocation = #_sourceLocation) async throws {
    #expect(!runner.stdout.text.contains(secret), "runner stdout", sourceLocation: sourceLocation)
    #expect(!runner.stderr.text.contains(secret), "runner stderr", sourceLocation: sourceLocation)
    let text = try await sandbox.hooklineLogs([])
    let json = try await sandbox.hooklineLogs(["--json"])
    #expect(!text.stdout.contains(secret) && !json.stdout.contains(secret), "hookline logs", sourceLocation: sourceLocation)
    #expect(!sandbox.storeText().contains(secret), "the store", sourceLocation: sourceLocation)
}
