import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline run` against a sink that fails at random: every run still ends delivered, or
/// failed with the reason the step's retry policy gives, and the runner keeps serving.
@Suite("hookline run: a failing sink")
struct RunnerFaultTests {
    /// A sink failure and what the runner must make of it (Iterable's retry table).
    struct Fault {
        var response: CannedResponse
        /// `ConnectorError.code` of the attempt it answers.
        var code: String
        var retryable: Bool
    }

    static let faults = [
        Fault(response: .status(500, body: "internal error"), code: "http_500", retryable: false),
        Fault(response: .unavailable, code: "http_503", retryable: true),
        Fault(response: .tooManyRequests(retryAfter: 1), code: "http_429", retryable: true),
        Fault(response: .hang(for: .seconds(5)), code: "timeout", retryable: true),
        Fault(response: .closeConnection, code: "connection", retryable: true),
    ]

    @Test("500/503/429, hangs past the timeout and closed connections at random: each run ends succeeded or failed by the retry policy; the runner stays healthy")
    func randomFaults() async throws {
        try await withSink { sink in
            // Fewer faults than events and no success queued: every queued fault is answered to some attempt.
            // The step timeout is generous (2 s; a hang is 5 s) so that on a loaded machine a closed
            // connection or an error is seen as such, not as a timeout (0.5 s was not always enough).
            var random = SplitMix64(seed: 6)
            let events = 30
            let queued = (0..<24).map { _ in Self.faults[Int(random.next() % UInt64(Self.faults.count))] }
            for fault in queued { sink.enqueue(fault.response) }
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, retry: "{attempts: 3, delaySeconds: 0.1}",
                                                                             workers: 4, timeoutSeconds: 2))
            let runner = try await sandbox.start()

            var runIDs: [String] = []
            for n in 0..<events {
                let reply = try await runner.post("opens", event: RunnerConfigs.event(n))
                #expect(reply.status == 202)
                runIDs.append(try #require(reply.json?["runId"]?.stringValue))
            }
            var runs: [JSONValue] = []
            for id in runIDs {
                #expect(try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/healthz")).status == 200)
                runs.append(try await runner.finishedRun(id, timeout: .seconds(60)))
            }

            let requests = sink.requests
            var codes: [String] = []
            for run in runs {
                let id = try #require(run["id"]?.stringValue)
                let attempts = try #require(run["attempts"]?.arrayValue)
                #expect(!attempts.isEmpty && attempts.count <= 3, "\(id): \(attempts.count) attempts")
                #expect(requests.filter { $0.headers["Idempotency-Key"] == "\(id):track" }.count == attempts.count,
                        "\(id): each attempt reached the sink once, under the run's key")
                for (index, attempt) in attempts.enumerated() {
                    let isLast = index == attempts.count - 1
                    let error = attempt["error"]?.stringValue
                    let code = error.flatMap(Self.code)
                    if let code { codes.append(code) }
                    let fault = Self.faults.first { $0.code == code }
                    switch attempt["outcome"]?.stringValue {
                    case "retry":
                        #expect(!isLast && fault?.retryable == true, "\(id): retried after \(error ?? "no error")")
                        if code == "http_429", let started = unixTime(attempt["startedAt"]), let next = unixTime(attempts[index + 1]["startedAt"]) {
                            #expect(next - started >= 1, "\(id): Retry-After 1 s is kept")
                        }
                    case "failed":
                        #expect(isLast && fault != nil, "\(id): failed by \(error ?? "no error")")
                        #expect(fault?.retryable == false || attempts.count == 3, "\(id): a retryable failure fails only on the last attempt")
                        #expect(run["status"] == "failed")
                        #expect(run["error"] == .string("step track: \(error ?? "")"), "\(id): the run says why")
                    case "succeeded":
                        #expect(isLast && attempt["status"] == 200 && error == nil)
                        #expect(run["status"] == "succeeded")
                        #expect(run["error"] == nil)
                    default:
                        Issue.record("\(id): attempt \(attempt)")
                    }
                }
            }
            // Every fault the sink answered shows up as exactly one attempt with its code.
            for code in Set(Self.faults.map(\.code)) {
                #expect(codes.filter { $0 == code }.count == queued.filter { $0.code == code }.count, "\(code)")
            }
            let failed = runs.filter { $0["status"] == "failed" }.count
            print("faults: \(queued.count) answered, \(requests.count) requests, \(events - failed) runs succeeded, \(failed) failed")

            // Still serving and delivering.
            let after = try await runner.post("opens", event: RunnerConfigs.event(99))
            #expect(after.status == 202)
            #expect(try await runner.finishedRun(try #require(after.json?["runId"]?.stringValue))["status"] == "succeeded")
            #expect(try await runner.api("runs?status=running").json?["runs"] == [], "nothing is left leased")
            #expect(try await runner.terminate() == 0)
        }
    }

    /// `http_503` in `retryable error (http_503): ...`.
    static func code(_ error: String) -> String? {
        guard let open = error.firstIndex(of: "("), let close = error[open...].firstIndex(of: ")") else { return nil }
        return String(error[error.index(after: open)..<close])
    }
}

/// A small seeded generator (SplitMix64), so a failing fault sequence can be repeated.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
