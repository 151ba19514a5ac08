import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

/// The store contract: every test runs against every store (``StoreKind/available``: SQLite, and
/// PostgreSQL when a test server is configured).
@Suite struct RunStoreTests {
    static func sqlite() throws -> any RunStore {
        try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
    }

    @Test(arguments: StoreKind.available) func ingestIsIdempotentPerFlowAndWebhookID(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let first = try await store.ingest([NewRun(flow: "f", webhookID: "w1", event: ["a": 1])], now: 100)[0]
            let again = try await store.ingest([NewRun(flow: "f", webhookID: "w1", event: ["a": 2])], now: 101)[0]
            let otherFlow = try await store.ingest([NewRun(flow: "g", webhookID: "w1", event: ["a": 3])], now: 102)[0]
            let noID = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: ["a": 4]), NewRun(flow: "f", webhookID: nil, event: ["a": 4])],
                                              now: 103)
            guard case .accepted = first, case .duplicate(let duplicateOf) = again, case .accepted = otherFlow else {
                Issue.record("unexpected results \(first) \(again) \(otherFlow)")
                return
            }
            #expect(duplicateOf == first.runID)
            #expect(noID.allSatisfy { if case .accepted = $0 { true } else { false } })
            #expect(try await store.run(first.runID)?.event == ["a": 1])
            #expect(try await store.countsByStatus()[.queued] == 4)
        }
    }

    @Test(arguments: StoreKind.available) func duplicatesWithinOneBatchShareTheFirstRun(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let results = try await store.ingest([NewRun(flow: "f", webhookID: "w", event: ["a": 1]), NewRun(flow: "f", webhookID: "w", event: ["a": 2]),
                                                  NewRun(flow: "f", webhookID: "v", event: ["a": 3])], now: 1)
            guard case .accepted(let first) = results[0], case .duplicate(let again) = results[1], case .accepted = results[2] else {
                Issue.record("unexpected results \(results)")
                return
            }
            #expect(again == first)
            #expect(try await store.countsByStatus()[.queued] == 2)
        }
    }

    @Test(arguments: StoreKind.available) func concurrentIngestsShareCommits(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let results = try await withThrowingTaskGroup(of: IngestResult.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        try await store.ingest([NewRun(flow: "f", webhookID: "w\(index % 150)", event: ["i": .integer(Int64(index))])], now: 1)[0]
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let accepted = results.filter { if case .accepted = $0 { true } else { false } }
            #expect(accepted.count == 150)
            #expect(Set(results.map(\.runID)).count == 150)
            let statistics = switch store {
            case let sqlite as SQLiteRunStore: await sqlite.commitStatistics()
            case let postgres as PostgresRunStore: await postgres.commitStatistics()
            default: (commits: 0, runs: 0)
            }
            #expect(statistics.runs == 200)
            #expect(statistics.commits < 200, "group commit should batch concurrent ingests (\(statistics.commits) commits)")
        }
    }

    @Test(arguments: StoreKind.available) func leasesAreExclusiveAndExpire(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest((0..<5).map { NewRun(flow: "f", webhookID: "w\($0)", event: ["i": .integer(Int64($0))]) }, now: 10)
            let now = WallClock.now
            let a = try await store.lease(owner: "a", limit: 3, now: now, until: now + 60)
            let b = try await store.lease(owner: "b", limit: 10, now: now, until: now + 60)
            #expect(a.count == 3)
            #expect(b.count == 2)
            #expect(a.map { $0.event["i"] } == [0, 1, 2], "oldest due first")
            #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
            #expect(a.allSatisfy { $0.status == .running && $0.leaseOwner == "a" && $0.leaseUntil == now + 60 })
            #expect(try await store.lease(owner: "c", limit: 10, now: now, until: now + 60).isEmpty)
            // a dies: after its lease runs out, c takes its runs over.
            let takeover = try await store.lease(owner: "c", limit: 10, now: now + 61, until: now + 120)
            #expect(Set(takeover.map(\.id)) == Set(a.map(\.id) + b.map(\.id)))
            var stale = a[0]
            stale.status = .succeeded
            #expect(try await store.update(stale, owner: "a", now: now + 62) == false, "a lost its lease")
            #expect(try await store.renewLease(a[0].id, owner: "a", until: now + 200) == false)
            #expect(try await store.renewLease(a[0].id, owner: "c", until: now + 200) == true)
            #expect(try await store.run(a[0].id)?.leaseUntil == now + 200)
        }
    }

    // SQLite-specific: the group commit and its sync mode.

    @Test func attemptAndProgressAreSavedTogetherAndOnlyByTheLeaseHolder() async throws {
        let store = try Self.sqlite()
        let id = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: ["x": 1])], now: 1)[0].runID
        let now = WallClock.now
        var run = try #require(try await store.lease(owner: "w", limit: 1, now: now, until: now + 60).first)
        run.status = .succeeded
        run.stepIndex = 1
        let attempt = AttemptRecord(runID: id, stepIndex: 0, stepID: "s", attempt: 1, startedAt: now, durationMilliseconds: 2,
                                    outcome: .succeeded, requests: [["method": "POST"]], status: 200)
        #expect(try await store.recordAttempt(attempt, andUpdate: run, owner: "other", now: now) == false, "not the lease holder")
        #expect(try await store.run(id)?.status == .running)
        #expect(try await store.recordAttempt(attempt, andUpdate: run, owner: "w", now: now + 1))
        #expect(try await store.run(id)?.status == .succeeded)
        #expect(try await store.attempts(id).map(\.status) == [200, 200], "both attempts happened and are kept")
    }

    @Test func everyCommitIsSyncedToDisk() async throws {
        let path = try temporaryDirectory().appendingPathComponent("runs.sqlite").path
        #expect(try await SQLiteRunStore(path: path).writerSynchronousMode() == "FULL")
        #expect(try await SQLiteRunStore(path: path).writerSynchronousMode() == "FULL", "and when the file exists")
    }

    @Test func aFailingWriteFailsAloneInItsGroupCommit() async throws {
        let store = try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
        let orphan = AttemptRecord(runID: "no-such-run", stepIndex: 0, stepID: "s", attempt: 1, startedAt: 1, durationMilliseconds: 1,
                                   outcome: .failed, requests: [], status: nil)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                group.addTask {
                    if index == 50 { return (try? await store.recordAttempt(orphan)) != nil }
                    return (try? await store.ingest([NewRun(flow: "f", webhookID: "w\(index)", event: [:])], now: 1)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0 }.count == 1, "only the attempt of a run that does not exist (foreign key) fails")
        #expect(try await store.countsByStatus()[.queued] == 99)
        let statistics = await store.commitStatistics()
        #expect(statistics.runs == 99)
        #expect(statistics.commits < 100, "concurrent writes share transactions (\(statistics.commits) commits)")
    }

    @Test(arguments: StoreKind.available) func progressRetriesFailuresAndReplay(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let id = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: ["x": 1])], now: 1)[0].runID
            let now = WallClock.now
            var run = try #require(try await store.lease(owner: "w", limit: 1, now: now, until: now + 60).first)
            run.status = .retrying
            run.attempt = 1
            run.nextAt = now + 30
            run.error = "step s: 503"
            run.outputs = JSONObject([("s0", .object(JSONObject([("ok", .bool(true))])))])
            #expect(try await store.update(run, owner: "w", now: now))
            let saved = try #require(try await store.run(id))
            #expect(saved.status == .retrying && saved.error == "step s: 503" && saved.outputs == run.outputs && saved.leaseOwner == nil)
            #expect(try await store.lease(owner: "w", limit: 1, now: now + 1, until: now + 60).isEmpty, "not due yet")
            run = try #require(try await store.lease(owner: "w", limit: 1, now: now + 31, until: now + 90).first)
            #expect(run.attempt == 1)
            try await store.recordAttempt(AttemptRecord(runID: id, stepIndex: 0, stepID: "s", attempt: 2, startedAt: now, durationMilliseconds: 3,
                                                        outcome: .failed, requests: [["method": "POST"]], status: 400, error: "bad",
                                                        responseExcerpt: "{\"e\":1}"))
            run.status = .failed
            run.attempt = 2
            #expect(try await store.update(run, owner: "w", now: now + 32))
            #expect(try await store.runs(RunFilter(status: .failed)).map(\.run.id) == [id])
            let attempts = try await store.attempts(id)
            #expect(attempts == [AttemptRecord(runID: id, stepIndex: 0, stepID: "s", attempt: 2, startedAt: now, durationMilliseconds: 3,
                                               outcome: .failed, requests: [["method": "POST"]], status: 400, error: "bad", responseExcerpt: "{\"e\":1}")])
            #expect(try await store.replay(id: id, flow: nil, now: now + 40) == [id])
            let replayed = try #require(try await store.run(id))
            #expect(replayed.status == .queued)
            #expect(replayed.attempt == 0)
            #expect(replayed.error == nil)
            #expect(try await store.replay(id: id, flow: nil, now: now + 41).isEmpty, "only failed runs replay")
        }
    }

    @Test(arguments: StoreKind.available) func releaseGivesLeasedRunsBack(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: [:]), NewRun(flow: "f", webhookID: nil, event: [:])], now: 1)
            let now = WallClock.now
            #expect(try await store.lease(owner: "w", limit: 5, now: now, until: now + 600).count == 2)
            #expect(try await store.release(owner: "x", now: now) == 0)
            #expect(try await store.release(owner: "w", now: now) == 2)
            #expect(try await store.lease(owner: "v", limit: 5, now: now, until: now + 600).count == 2)
        }
    }

    /// A run stored leased is as a lease leaves it: no one else leases it until the lease expires,
    /// its owner saves it, a graceful shutdown releases it. Both stores store it leased.
    @Test(arguments: StoreKind.available) func ingestLeasedStoresTheRunLeasedToTheCaller(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = WallClock.now
            let result = try await store.ingestLeased(NewRun(flow: "f", webhookID: "w", event: ["a": 1]), now: now, owner: "me", until: now + 60)
            let id: String
            switch result {
            case .leased(let record):
                id = record.id
                #expect(try await store.run(id) == record)
                #expect(record.status == .running && record.leaseOwner == "me" && record.leaseUntil == now + 60 && record.event == ["a": 1])
                #expect(try await store.lease(owner: "other", limit: 5, now: now, until: now + 60).isEmpty)
                #expect(try await store.lease(owner: "other", limit: 5, now: now + 61, until: now + 120).map(\.id) == [id],
                        "an expired lease is taken over")
                #expect(try await store.release(owner: "other", now: now) == 1)
            case .stored(let stored):
                Issue.record("a new run was not stored leased: \(stored)")
                return
            }
            #expect(try await store.ingestLeased(NewRun(flow: "f", webhookID: "w", event: ["a": 2]), now: now, owner: "me", until: now + 60)
                    == .stored(.duplicate(runID: id)))
            #expect(try await store.run(id)?.event == ["a": 1])
        }
    }

    @Test(arguments: StoreKind.available) func aRunStoredLeasedIsSavedByItsOwnerAndReleasedAtShutdown(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let now = WallClock.now
            var leased: [RunRecord] = []
            for n in 1...2 {
                guard case .leased(let run) = try await store.ingestLeased(NewRun(flow: "f", webhookID: nil, event: ["x": .integer(Int64(n))]),
                                                                           now: now, owner: "me", until: now + 60) else {
                    Issue.record("not stored leased")
                    return
                }
                leased.append(run)
            }
            var done = leased[0]
            done.status = .succeeded
            done.stepIndex = 1
            #expect(try await store.update(done, owner: "other", now: now + 1) == false, "not the lease holder")
            #expect(try await store.update(done, owner: "me", now: now + 1), "the record as returned is saved by its owner")
            #expect(try await store.run(done.id)?.status == .succeeded)
            #expect(try await store.release(owner: "me", now: now) == 1, "the other one is given back at shutdown")
            #expect(try await store.run(leased[1].id)?.status == .queued)
        }
    }

    @Test(arguments: StoreKind.available) func followReadsRunsAfterASequenceInOrder(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest((0..<3).map { NewRun(flow: "f", webhookID: nil, event: ["i": .integer(Int64($0))]) }, now: 1)
            let newest = try await store.runs(RunFilter(limit: 1))
            #expect(newest.count == 1)
            #expect(newest[0].run.event == ["i": 2])
            let after = try await store.runs(RunFilter(after: newest[0].sequence - 2, limit: 10))
            #expect(after.map { $0.run.event["i"] } == [1, 2])
        }
    }

    @Test(arguments: StoreKind.available) func filtersByFlowStatusAndChangeTime(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: ["i": 0]), NewRun(flow: "g", webhookID: nil, event: ["i": 1]),
                                        NewRun(flow: "f", webhookID: nil, event: ["i": 2])], now: 1)
            #expect(try await store.runs(RunFilter(flow: "f")).map { $0.run.event["i"] } == [2, 0], "newest first")
            let now = WallClock.now + 10
            var leased = try #require(try await store.lease(owner: "w", limit: 1, now: now, until: now + 60).first)
            leased.status = .succeeded
            #expect(try await store.update(leased, owner: "w", now: now + 1))
            #expect(try await store.runs(RunFilter(status: .succeeded)).map(\.run.id) == [leased.id])
            let changed = try await store.runs(RunFilter(updatedSince: now, limit: 10))
            #expect(changed.map(\.run.id) == [leased.id], "only the run changed since then")
            #expect(try await store.countsByStatus() == [.queued: 2, .succeeded: 1])
        }
    }
}

/// A run's event text: the sender's bytes stay as they came through every save, until a step
/// changes the event.
@Suite struct StoredEventTextTests {
    @Test(arguments: StoreKind.available) func savesKeepTheSendersTextUntilTheEventChanges(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let raw = "{ \"email\" : \"f@example.com\",\n  \"n\": 1.50, \"name\": \"F\\u00e9\" }"
            let event: JSONValue = ["email": "f@example.com", "n": 1.5, "name": "Fé"]
            let id = try await store.ingest([NewRun(flow: "f", webhookID: "w", event: event, eventText: raw)], now: WallClock.now)[0].runID
            let now = WallClock.now
            var run = try #require(try await store.lease(owner: "w", limit: 1, now: now + 1, until: now + 60).first)
            #expect(run.storedEventText == raw)
            #expect(run.event == event)
            // A retry's save writes the text back as it was.
            run.status = .running
            run.attempt = 1
            #expect(try await store.update(run, owner: "w", now: now))
            #expect(try await store.run(id)?.storedEventText == raw)
            // A merged output changes the event: from then on the stored text is the new event's.
            run.event = ["email": "f@example.com", "n": 1.5, "name": "Fé", "contactId": "c-1"]
            #expect(run.storedEventText == nil)
            run.status = .succeeded
            #expect(try await store.update(run, owner: "w", now: now))
            let saved = try #require(try await store.run(id))
            #expect(saved.event == run.event)
            #expect(saved.storedEventText == run.event.serialized())
            // The stored text never makes two records unequal.
            var copy = saved
            copy.event = saved.event
            #expect(copy == saved)
        }
    }
}
