import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline run` killed or stopped mid-load: every accepted event is still delivered after a
/// restart on the same store, again only for the steps in flight at a kill (under the same
/// Idempotency-Key, so receivers can dedupe), and a graceful stop delivers nothing twice.
@Suite("hookline run: crash safety and graceful shutdown", .serialized)
struct RunnerCrashSafetyTests {
    /// Kill-and-restart rounds: `HOOKLINE_CRASH_ROUNDS` (Tests/reliability/run.sh sets 10; `swift test` runs 2).
    static let rounds = max(1, Int(ProcessInfo.processInfo.environment["HOOKLINE_CRASH_ROUNDS"] ?? "") ?? 2)

    @Test("SIGKILL under load, round after round: every event answered 202 is delivered after a restart, repeats only under its own Idempotency-Key")
    func killedUnderLoad() async throws {
        try await withSink { sink in
            sink.setFallback(RunnerConfigs.success.delayed(by: .milliseconds(50)))
            let workers = 8
            let perRound = 150
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, workers: workers, leaseSeconds: 5, timeoutSeconds: 0.5))
            var accepted: [Int: String] = [:]
            for round in 0..<Self.rounds {
                let runner = try await sandbox.start()
                // Post the round's events at once; kill the runner when half are in and deliveries are under way.
                let numbers = round * perRound..<(round + 1) * perRound
                let acceptedNow = try await postWithACrash(numbers: numbers, to: [runner], killing: runner, sink: sink, workers: workers)
                #expect(runner.terminationReason == .uncaughtSignal, "round \(round)")
                #expect(acceptedNow.count >= perRound / 2, "round \(round)")
                accepted.merge(acceptedNow) { first, _ in first }
            }

            let afterCrash = try await sandbox.runLog()
            let pending = afterCrash.filter { ["queued", "running", "retrying"].contains($0["status"]?.stringValue ?? "") }
            #expect(!pending.isEmpty, "the last kill left work to recover")
            let deliveredBeforeRestart = sink.requests.count

            let last = try await sandbox.start()
            let allDelivered = try await eventually(timeout: .seconds(60)) {
                Set(sink.requests.compactMap(\.eventNumber)).isSuperset(of: accepted.keys)
            }
            #expect(allDelivered, "missing: \(Set(accepted.keys).subtracting(sink.requests.compactMap(\.eventNumber)).sorted())")
            let settled = try await eventually(timeout: .seconds(30)) {
                try await sandbox.runLog().allSatisfy { $0["status"] == "succeeded" }
            }
            #expect(settled)
            #expect(try await last.terminate() == 0)

            let requests = sink.requests
            #expect(requests.count > deliveredBeforeRestart, "the restarted runner delivered")
            // Each accepted event went out under its own run's Idempotency-Key, and only under it.
            var keysByNumber: [Int: Set<String>] = [:]
            for request in requests {
                guard let n = request.eventNumber else {
                    Issue.record("a request without dataFields.n: \(request)")
                    continue
                }
                keysByNumber[n, default: []].insert(request.headers["Idempotency-Key"] ?? "none")
                #expect(request.json == RunnerConfigs.trackBody(n))
                #expect(request.headers["Api-Key"] == RunnerSandbox.apiKey)
            }
            for (n, runID) in accepted {
                #expect(keysByNumber[n] == ["\(runID):track"], "event \(n)")
            }
            // Repeats only where the sink saw a retry (recorded as more than one attempt) or for
            // runs delivered but not yet saved at a kill: per kill, a step in flight per worker, plus
            // the progress writer's batch being committed and the saves waiting for the next one (at
            // most `DeliveryService.ahead(workers:)` = max(256, 4 × workers) each); a run repeats at
            // most once per kill it lived through.
            let runs = try await sandbox.runLog()
            let retried = Set(runs.compactMap { run in
                (run["attempts"]?.arrayValue?.count ?? 0) > 1 ? run["id"]?.stringValue.map { "\($0):track" } : nil
            })
            let deliveriesByKey = Dictionary(grouping: requests) { $0.headers["Idempotency-Key"] ?? "none" }
            let repeatedAtAKill = deliveriesByKey.filter { $0.value.count > 1 && !retried.contains($0.key) }
            let repeats = deliveriesByKey.values.map { $0.count - 1 }.reduce(0, +)
            #expect(repeatedAtAKill.count <= (workers + 2 * max(256, 4 * workers)) * Self.rounds, "\(repeatedAtAKill.keys.sorted())")
            #expect(repeatedAtAKill.values.allSatisfy { $0.count <= Self.rounds + 1 })
            #expect(keysByNumber.values.allSatisfy { $0.count == 1 }, "one run per event")
            #expect(runs.count == keysByNumber.count, "a run for each event stored, no more")
            print("crash rounds: \(Self.rounds), accepted \(accepted.count), deliveries \(requests.count), repeated \(repeats) (\(repeatedAtAKill.count) events repeated at a kill, \(retried.count) retried)")
        }
    }

    @Test("SIGTERM with deliveries in flight: exits 0 soon, finishes them, and a restart delivers the rest once each")
    func gracefulShutdown() async throws {
        try await withSink { sink in
            sink.setFallback(RunnerConfigs.success.delayed(by: .milliseconds(300)))
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, workers: 2, leaseSeconds: 60, timeoutSeconds: 2))
            let first = try await sandbox.start()
            var runIDs: [Int: String] = [:]
            for n in 0..<10 {
                let reply = try await first.post("opens", event: RunnerConfigs.event(n))
                #expect(reply.status == 202)
                runIDs[n] = try #require(reply.json?["runId"]?.stringValue)
            }
            #expect(try await eventually { sink.requests.count >= 2 })
            let stopping = ContinuousClock.now
            let status = try await first.terminate(timeout: .seconds(40))
            let took = ContinuousClock.now - stopping
            #expect(status == 0, "\(first.stderr.text)")
            // Far from the 60 s lease either way: a shutdown that waited for leases would take a minute.
            #expect(took < .seconds(30), "stopped in \(took): the step in flight finishes, nothing waits for a lease")

            // The steps in flight finished and were recorded; nothing is left leased.
            let afterStop = try await sandbox.runLog()
            let byStatus = Dictionary(grouping: afterStop) { $0["status"]?.stringValue ?? "?" }
            #expect(Set(byStatus.keys).isSubset(of: ["succeeded", "queued"]), "\(byStatus.keys.sorted())")
            #expect(byStatus["succeeded"]?.count == sink.requests.count, "every request sent was recorded as delivered")
            #expect((byStatus["queued"]?.count ?? 0) > 0, "runs were left for the restart")

            // Released runs are delivered at once, not after their 60 s lease.
            let second = try await sandbox.start()
            let done = try await eventually(timeout: .seconds(30)) {
                try await sandbox.runLog().allSatisfy { $0["status"] == "succeeded" }
            }
            #expect(done)
            #expect(try await second.terminate() == 0)

            let requests = sink.requests
            #expect(requests.compactMap(\.eventNumber).sorted() == Array(0..<10), "each event delivered exactly once")
            for request in requests {
                guard let n = request.eventNumber, let runID = runIDs[n] else { continue }
                #expect(request.headers["Idempotency-Key"] == "\(runID):track")
            }
        }
    }
}
