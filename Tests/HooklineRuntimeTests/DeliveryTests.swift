import ConnectorKit
import ConnectorTesting
import Foundation
import HooklineHTTP
@testable import HooklineRuntime
import Logging
import Testing

/// Ingest and delivery in-process, over the real transport to a loopback sink.
@Suite struct DeliveryTests {
    struct Harness {
        let sink: LoopbackServer
        let store: SQLiteRunStore
        let ingest: WebhookIngest
        let handoff: DeliveryHandoff
        let task: Task<Void, any Error>

        static func start(_ configText: (String) -> String) async throws -> Harness {
            let sink = try await LoopbackServer.start()
            let config = try loadConfig(configText(sink.baseURL))
            let store = try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
            let signal = WorkSignal()
            let metrics = RunnerMetrics()
            let delivery = DeliveryService(config: config, store: store, transport: HTTPClientTransport(), signal: signal, metrics: metrics,
                                           logger: Logger(label: "test"), owner: "test-worker")
            let task = Task { try await delivery.run() }
            let ingest = WebhookIngest(config: config, store: store, signal: signal, metrics: metrics, handoff: delivery.handoff)
            return Harness(sink: sink, store: store, ingest: ingest, handoff: delivery.handoff, task: task)
        }

        func post(_ event: String, flow: String = "f", headers: [String: String] = [:]) async -> WebhookIngest.Reply {
            var all = ["content-type": "application/json"]
            for (key, value) in headers { all[key.lowercased()] = value }
            return await ingest.receive(flowID: flow, header: { all[$0.lowercased()] }, body: Array(event.utf8))
        }

        func run(_ reply: WebhookIngest.Reply) async throws -> RunRecord? {
            guard let id = reply.body["runId"]?.stringValue else { return nil }
            return try await store.run(id)
        }

        func waitFor(_ reply: WebhookIngest.Reply, status: RunStatus) async throws -> Bool {
            try await eventually { try await run(reply)?.status == status }
        }

        func stop() async throws {
            task.cancel()
            _ = await task.result
            try await sink.shutdown()
        }
    }

    @Test func deliversTheMappedRequestOnceStored() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0) }
        let reply = await harness.post(#"{"email":"ana@example.com","name":"Ana","n":7}"#)
        #expect(reply.status == 202)
        #expect(try await harness.waitFor(reply, status: .succeeded))
        let request = try #require(harness.sink.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/sink")
        #expect(request.headers["X-Sink-Key"] == "sink-key-secret")
        #expect(request.headers["Idempotency-Key"] == "\(reply.body["runId"]!.stringValue!):deliver")
        #expect(request.json == ["email": "ana@example.com", "greeting": "Hi Ana", "n": 7])
        let attempts = try await harness.store.attempts(reply.body["runId"]!.stringValue!)
        #expect(attempts.map(\.outcome) == [.succeeded])
        #expect(attempts[0].status == 200)
        let recorded = attempts[0].requests.serialized()
        #expect(!recorded.contains("sink-key-secret"), "secrets never reach the run log")
        #expect(recorded.contains("<redacted>"))
        try await harness.stop()
    }

    /// With nothing waiting in the store, ingest hands each new run to the workers stored leased:
    /// no lease query; the room it took is given back as each run ends.
    @Test func newRunsAreHandedToTheWorkersStoredLeased() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0) }
        #expect(try await eventually { harness.handoff.isHandingOver }, "the dispatcher's first lease found nothing waiting")
        let capacity = harness.handoff.free
        var replies: [WebhookIngest.Reply] = []
        for n in 1...3 { replies.append(await harness.post(#"{"email":"a@example.com","n":\#(n)}"#)) }
        for reply in replies { #expect(try await harness.waitFor(reply, status: .succeeded)) }
        #expect(harness.handoff.handedOver == 3)
        #expect(try await eventually { harness.handoff.free == capacity })
        #expect(harness.sink.requests.count == 3)
        try await harness.stop()
    }

    /// A run set retrying wakes the dispatcher by its due time, however long the poll interval.
    @Test func aRetryIsLeasedWhenDueNotAtTheNextPoll() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0).replacingOccurrences(of: "pollSeconds: 0.05", with: "pollSeconds: 60") }
        #expect(try await eventually { harness.handoff.isHandingOver })
        harness.sink.enqueue(.unavailable)
        let reply = await harness.post(#"{"email":"a@example.com","n":1}"#)
        #expect(try await harness.waitFor(reply, status: .succeeded), "retried 0.2 s later, not after the 60 s poll")
        try await harness.stop()
    }

    /// `delivery.workers: 0`: the runner stores and answers 202 but leaves delivery to runners
    /// with workers on the same store.
    @Test func anIngestOnlyRunnerLeavesDeliveryToOthers() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0).replacingOccurrences(of: "pollSeconds: 0.05", with: "pollSeconds: 0.05\n  workers: 0") }
        let replies = [await harness.post(#"{"email":"a@example.com","n":1}"#), await harness.post(#"{"email":"b@example.com","n":2}"#)]
        #expect(replies.map(\.status) == [202, 202])
        try await Task.sleep(for: .milliseconds(500))  // ten poll intervals
        #expect(harness.sink.requests.isEmpty)
        #expect(try await harness.store.countsByStatus()[.queued] == 2)

        let delivering = try loadConfig(sinkConfig(baseURL: harness.sink.baseURL))
        let other = DeliveryService(config: delivering, store: harness.store, transport: HTTPClientTransport(), signal: WorkSignal(),
                                    metrics: RunnerMetrics(), logger: Logger(label: "test"), owner: "other-runner")
        let task = Task { try await other.run() }
        for reply in replies { #expect(try await harness.waitFor(reply, status: .succeeded)) }
        #expect(harness.sink.requests.count == 2)
        task.cancel()
        _ = await task.result
        try await harness.stop()
    }

    @Test func retriesA503AndStopsOnA400ThenReplays() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0) }
        harness.sink.enqueue(.unavailable)
        let retried = await harness.post(#"{"email":"a@example.com","n":1}"#)
        #expect(try await harness.waitFor(retried, status: .succeeded))
        let retriedAttempts = try await harness.store.attempts(retried.body["runId"]!.stringValue!)
        #expect(retriedAttempts.map(\.outcome) == [.retry, .succeeded])
        #expect(retriedAttempts.map(\.status) == [503, 200])
        #expect(retriedAttempts[1].startedAt - retriedAttempts[0].startedAt >= 0.2)

        harness.sink.enqueue(.status(400, body: #"{"error":"bad email"}"#))
        let stopped = await harness.post(#"{"email":"b@example.com","n":2}"#)
        #expect(try await harness.waitFor(stopped, status: .failed))
        let failedRun = try #require(try await harness.run(stopped))
        #expect(failedRun.error?.contains("400") == true)
        #expect(try await harness.store.attempts(failedRun.id).count == 1, "a 400 is not retried")
        #expect(try await harness.store.replay(id: failedRun.id, flow: nil, now: WallClock.now) == [failedRun.id])
        #expect(try await harness.waitFor(stopped, status: .succeeded))
        try await harness.stop()
    }

    @Test func exhaustedRetriesEndInTheDeadLetter() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0, retry: "retry: {attempts: 2, delaySeconds: 0.05}") }
        harness.sink.setFallback(.tooManyRequests())
        let reply = await harness.post(#"{"email":"c@example.com","n":3}"#)
        #expect(try await harness.waitFor(reply, status: .failed))
        let attempts = try await harness.store.attempts(reply.body["runId"]!.stringValue!)
        #expect(attempts.map(\.outcome) == [.retry, .failed])
        #expect(harness.sink.requests.count == 2)
        try await harness.stop()
    }

    @Test func ingestRefusesWhatItCannotStoreOrRead() async throws {
        let harness = try await Harness.start { sinkConfig(baseURL: $0) }
        #expect(await harness.post("{}", flow: "nope").status == 404)
        #expect(await harness.post(#"{"email": "#).status == 400)
        #expect(await harness.post("[1]").status == 400)
        let formless = await harness.ingest.receive(flowID: "f", header: { _ in nil }, body: Array("{}".utf8))
        #expect(formless.status == 415)
        let form = await harness.ingest.receive(flowID: "f", header: { $0.lowercased() == "content-type" ? "application/x-www-form-urlencoded" : nil },
                                                body: Array("email=d%40example.com&name=D".utf8))
        #expect(form.status == 202)
        #expect(try await harness.run(form)?.event == ["email": "d@example.com", "name": "D"])
        // A JSON body is stored as it came; read back it is the same event.
        let spaced = await harness.post("{ \"email\" : \"f@example.com\",\n  \"name\": \"F\\u00e9\", \"n\": 1.50 }")
        #expect(try await harness.run(spaced)?.event == ["email": "f@example.com", "name": "Fé", "n": 1.5])
        let first = await harness.post(#"{"email":"e@example.com"}"#, headers: ["webhook-id": "evt-1"])
        let again = await harness.post(#"{"email":"e@example.com"}"#, headers: ["webhook-id": "evt-1"])
        #expect(again.status == 202)
        #expect(again.body["runId"] == first.body["runId"])
        #expect(again.body["duplicate"] == true)
        try await harness.stop()
    }
}
