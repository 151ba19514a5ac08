import ConnectorKit
import Foundation
import HooklineRuntime
import Logging
import Testing

/// `retention`: the config section, each store's pruning, and the runner's service.
@Suite struct RetentionTests {
    static let day = 86_400.0

    @Test func theDefaultsKeepSucceededRunsThirtyDaysAndFailedOnesNinety() throws {
        let config = try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1"))
        #expect(config.settings.retention == RetentionPolicy(succeededDays: 30, failedDays: 90))
        #expect(config.settings.retention.limits.map(\.status) == [.succeeded, .failed])
        #expect(config.settings.retention.limits.map(\.seconds) == [30 * Self.day, 90 * Self.day])
    }

    @Test func theSectionSetsEachAndZeroKeepsForever() throws {
        let text = sinkConfig(baseURL: "http://127.0.0.1:1") + "\nretention: {succeededDays: 0.5, failedDays: 0}\n"
        let retention = try loadConfig(text).settings.retention
        #expect(retention == RetentionPolicy(succeededDays: 0.5, failedDays: 0))
        #expect(retention.limits.map(\.status) == [.succeeded])
        #expect(retention.limits.map(\.seconds) == [0.5 * Self.day])
    }

    @Test(arguments: [
        ("retention: {succeededDays: -1}", "test.yaml:", "(/retention/succeededDays)", "from 0 to 36500"),
        ("retention: {failedDays: forever}", "test.yaml:", "(/retention/failedDays)", "must be a number"),
        ("retention: {succeedDays: 3}", "test.yaml:", "(/retention/succeedDays)", "did you mean 'succeededDays'?"),
        ("retention: 30", "test.yaml:", "(/retention)", "retention must be an object, found"),
        ("retention: {failedDays: 0.01}", "test.yaml:", "(/retention/failedDays)", "use at least 0.042 (an hour), or 0 to keep them"),
    ])
    func aBadSectionIsRefusedWhereItIs(line: String, file: String, pointer: String, message: String) {
        do {
            _ = try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1") + "\n" + line + "\n")
            Issue.record("'\(line)' must be refused")
        } catch {
            for fragment in [file, pointer, message] { #expect(error.description.contains(fragment), "missing \(fragment) in:\n\(error.description)") }
        }
    }

    /// Runs finished `daysAgo` days ago in `status`, each with one attempt; returns their ids.
    static func finished(_ store: any RunStore, _ count: Int, _ status: RunStatus, daysAgo: Double, tag: String,
                         dueDaysAgo: Double? = nil) async throws -> [String] {
        let ingested = try await store.ingest((0..<count).map { NewRun(flow: "f", webhookID: "\(tag)-\($0)", event: ["tag": .string(tag)]) },
                                              now: WallClock.now)
        let now = WallClock.now
        let leased = try await store.lease(owner: "w", limit: count, now: now + 1, until: now + 60)
        #expect(Set(leased.map(\.id)) == Set(ingested.map(\.runID)))
        let when = now - daysAgo * day
        for var run in leased {
            run.status = status
            run.nextAt = now - (dueDaysAgo ?? daysAgo) * day
            run.error = status == .failed ? "gave up" : nil
            let attempt = AttemptRecord(runID: run.id, stepIndex: 0, stepID: "deliver", attempt: 1, startedAt: when, durationMilliseconds: 3,
                                        outcome: status == .failed ? .failed : .succeeded, requests: .array([]), status: 200, error: nil,
                                        responseExcerpt: nil)
            #expect(try await store.recordAttempt(attempt, andUpdate: run, owner: "w", now: when))
        }
        return leased.map(\.id)
    }

    @Test(arguments: StoreKind.available) func aStoreDeletesOnlyFinishedRunsPastTheCutoffWithTheirAttempts(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let oldSucceeded = try await Self.finished(store, 7, .succeeded, daysAgo: 40, tag: "old-ok")
            let newSucceeded = try await Self.finished(store, 3, .succeeded, daysAgo: 1, tag: "new-ok")
            let oldFailed = try await Self.finished(store, 2, .failed, daysAgo: 40, tag: "old-failed")
            // Due 40 days ago (it waited in a backlog), finished now: its last attempt is recent.
            let waited = try await Self.finished(store, 1, .succeeded, daysAgo: 0, tag: "waited", dueDaysAgo: 40)
            // Retrying since 40 days ago: pending, whatever its age.
            let retrying = try await store.ingest([NewRun(flow: "f", webhookID: "retrying", event: [:])], now: WallClock.now)[0].runID
            let leaseNow = WallClock.now
            var pending = try #require(try await store.lease(owner: "w", limit: 1, now: leaseNow + 1, until: leaseNow + 60).first)
            #expect(pending.id == retrying)
            pending.status = .retrying
            pending.nextAt = leaseNow - 40 * Self.day
            #expect(try await store.update(pending, owner: "w", now: leaseNow - 40 * Self.day))
            let queued = try await store.ingest([NewRun(flow: "f", webhookID: "pending", event: [:])], now: WallClock.now)[0].runID
            let cutoff = WallClock.now - 30 * Self.day

            // Pending statuses are never pruned, whatever the cutoff.
            for status in [RunStatus.queued, .running, .retrying] {
                #expect(try await store.pruneFinished(status, lastAttemptBefore: WallClock.now + Self.day, limit: 100) == 0)
            }
            // In batches, oldest first: 5, then the 2 left, then none.
            #expect(try await store.pruneFinished(.succeeded, lastAttemptBefore: cutoff, limit: 5) == 5)
            #expect(try await store.pruneFinished(.succeeded, lastAttemptBefore: cutoff, limit: 5) == 2)
            #expect(try await store.pruneFinished(.succeeded, lastAttemptBefore: cutoff, limit: 5) == 0)
            for id in oldSucceeded {
                #expect(try await store.run(id) == nil)
                #expect(try await store.attempts(id).isEmpty)
            }
            for id in newSucceeded + oldFailed + waited {
                #expect(try await store.run(id) != nil)
                #expect(try await store.attempts(id).count == 1)
            }
            #expect(try await store.run(queued)?.status == .queued)
            #expect(try await store.run(retrying)?.status == .retrying)
            #expect(try await store.pruneFinished(.failed, lastAttemptBefore: cutoff, limit: 100) == 2)
            #expect(try await store.countsByStatus() == [.succeeded: 4, .queued: 1, .retrying: 1])
            // A pruned run's webhook id is free again: the sender's next delivery of it is a new run.
            guard case .accepted = try await store.ingest([NewRun(flow: "f", webhookID: "old-ok-0", event: [:])], now: WallClock.now)[0] else {
                Issue.record("a pruned run's webhook id should be accepted as new")
                return
            }
        }
    }

    @Test(arguments: StoreKind.available) func theOldestGoFirst(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let older = try await Self.finished(store, 3, .succeeded, daysAgo: 50, tag: "older")
            let old = try await Self.finished(store, 3, .succeeded, daysAgo: 40, tag: "old")
            #expect(try await store.pruneFinished(.succeeded, lastAttemptBefore: WallClock.now - 30 * Self.day, limit: 3) == 3)
            for id in older { #expect(try await store.run(id) == nil) }
            for id in old { #expect(try await store.run(id) != nil) }
        }
    }

    @Test func theServiceWorksThroughABacklogInBatchesAndCountsIt() async throws {
        let store = try RunStoreTests.sqlite()
        _ = try await Self.finished(store, 12, .succeeded, daysAgo: 3, tag: "ok")
        _ = try await Self.finished(store, 4, .failed, daysAgo: 3, tag: "failed")
        _ = try await Self.finished(store, 2, .succeeded, daysAgo: 0.5, tag: "recent")
        let metrics = RunnerMetrics()
        let service = RetentionService(policy: RetentionPolicy(succeededDays: 2, failedDays: 0), store: store, metrics: metrics,
                                       logger: Logger(label: "test"), batchSize: 5, pause: .milliseconds(1))
        let deleted = await service.pruneDue(now: WallClock.now)
        #expect(deleted == [.succeeded: 12], "failedDays 0 keeps failed runs")
        #expect(try await store.countsByStatus() == [.succeeded: 2, .failed: 4])
        let exposition = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(exposition.contains(#"hookline_runs_pruned_total{status="succeeded"} 12"#), "\(exposition)")
        #expect(await service.pruneDue(now: WallClock.now) == [.succeeded: 0])
    }

    @Test func aRunnerPrunesWithTheDefaultRetentionFromTheStart() async throws {
        let store = try RunStoreTests.sqlite()
        let old = try await Self.finished(store, 3, .succeeded, daysAgo: 31, tag: "old")
        let kept = try await Self.finished(store, 2, .failed, daysAgo: 31, tag: "failed")
        let config = try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1"))
        let runner = Task {
            try await Runner.run(config: config, store: store, listen: try #require(ListenAddress("127.0.0.1:0")), logger: Logger(label: "test"))
        }
        defer { runner.cancel() }
        #expect(try await eventually { try await store.countsByStatus()[.succeeded] == nil })
        for id in old { #expect(try await store.run(id) == nil) }
        for id in kept { #expect(try await store.run(id)?.status == .failed, "failed runs are kept 90 days") }
        runner.cancel()
        _ = await runner.result
    }

    @Test(arguments: StoreKind.available) func countsCoverTheStatusesAskedFor(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await Self.finished(store, 3, .succeeded, daysAgo: 1, tag: "ok")
            _ = try await Self.finished(store, 2, .failed, daysAgo: 1, tag: "failed")
            _ = try await store.ingest((0..<4).map { NewRun(flow: "f", webhookID: "q\($0)", event: [:]) }, now: WallClock.now)
            // What the backlog gauge asks for: never the succeeded runs, most of a store.
            #expect(try await store.countsByStatus([.queued, .running, .retrying, .failed]) == [.queued: 4, .failed: 2])
            #expect(try await store.countsByStatus([.succeeded]) == [.succeeded: 3])
            #expect(try await store.countsByStatus([]) == [:])
            #expect(try await store.countsByStatus() == [.queued: 4, .succeeded: 3, .failed: 2])
        }
    }
}
