import ConnectorKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import HooklineRuntime

/// `recordAttempts` (a batch of finished runs, as the progress writer saves them) and the
/// progress writer itself.
@Suite struct RunStoreBatchSaveTests {
    private static func finished(_ run: RunRecord, status: RunStatus) -> (attempt: AttemptRecord, run: RunRecord) {
        var done = run
        done.status = status
        done.stepIndex = status == .succeeded ? 1 : 0
        let attempt = AttemptRecord(runID: run.id, stepIndex: 0, stepID: "s", attempt: 1, startedAt: 1, durationMilliseconds: 1,
                                    outcome: status == .succeeded ? .succeeded : .failed, requests: [["method": "POST"]], status: 200)
        return (attempt, done)
    }

    @Test(arguments: StoreKind.available) func aBatchSavesEachRunItsLeaseHolderStillHolds(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest((0..<6).map { NewRun(flow: "f", webhookID: "b\($0)", event: ["i": .integer(Int64($0))]) }, now: 1)
            let now = WallClock.now
            let mine = try await store.lease(owner: "w", limit: 5, now: now, until: now + 60)
            let theirs = try await store.lease(owner: "x", limit: 1, now: now, until: now + 60)
            #expect(mine.count == 5 && theirs.count == 1)
            var saves = mine.map { Self.finished($0, status: .succeeded) }
            saves[4] = Self.finished(mine[4], status: .failed)
            saves.append(Self.finished(theirs[0], status: .succeeded))
            let saved = try await store.recordAttempts(saves, owner: "w", now: now + 1)
            #expect(saved == [true, true, true, true, true, false], "the last run is x's")
            let counts = try await store.countsByStatus()
            #expect(counts[.succeeded] == 4)
            #expect(counts[.failed] == 1)
            #expect(counts[.running] == 1)
            #expect(try await store.attempts(theirs[0].id).count == 1, "the attempt is kept even where the lease was lost")
            #expect((store as? PostgresRunStore)?.batchFallbacks.withLockedValue { $0 } ?? 0 == 0, "PostgreSQL saved the batch in one statement")
        }
    }

    @Test(arguments: StoreKind.available) func aFailingSaveInABatchFailsAlone(kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest((0..<3).map { NewRun(flow: "f", webhookID: "b\($0)", event: [:]) }, now: 1)
            let now = WallClock.now
            let leased = try await store.lease(owner: "w", limit: 3, now: now, until: now + 60)
            var saves = leased.map { Self.finished($0, status: .succeeded) }
            saves[1].attempt.runID = "no-such-run"  // the attempts' foreign key fails this save
            #expect(try await store.recordAttempts(saves, owner: "w", now: now + 1) == [true, false, true])
            #expect(try await store.run(leased[1].id)?.status == .running, "rolled back: still leased, delivered again later")
            #expect(try await store.countsByStatus()[.succeeded] == 2)
            #expect(try await store.attempts(leased[0].id).count == 1, "recorded once, though the batch was tried whole first")
            if let postgres = store as? PostgresRunStore {
                #expect(postgres.batchFallbacks.withLockedValue { $0 } == 1, "the refused batch was saved one by one")
            }
        }
    }

    /// A target's answer can carry U+0000, which PostgreSQL's text cannot hold: it is stored as
    /// U+FFFD, or the save would be refused every time and the run delivered again and again.
    @Test(arguments: StoreKind.available, [1, 3]) func aNULInAResponseIsStored(kind: StoreKind, batch: Int) async throws {
        try await kind.withStore { store in
            _ = try await store.ingest((0..<batch).map { NewRun(flow: "f", webhookID: "n\($0)", event: [:]) }, now: 1)
            let now = WallClock.now
            let leased = try await store.lease(owner: "w", limit: batch, now: now, until: now + 60)
            var saves = leased.map { Self.finished($0, status: .failed) }
            for index in saves.indices {
                saves[index].attempt.responseExcerpt = "bad\u{0}byte"
                saves[index].attempt.error = "HTTP 400: bad\u{0}byte"
                saves[index].run.error = "HTTP 400: bad\u{0}byte"
            }
            #expect(try await store.recordAttempts(saves, owner: "w", now: now + 1) == Array(repeating: true, count: batch))
            let stored = try #require(try await store.attempts(leased[0].id).first)
            if kind == .postgres {
                #expect(stored.responseExcerpt == "bad\u{FFFD}byte")
            } else {
                #expect(stored.responseExcerpt?.hasPrefix("bad") == true, "SQLite keeps the text; reading it back stops at the NUL")
            }
            #expect(try await store.run(leased[0].id)?.status == .failed)
        }
    }

    @Test func theProgressWriterBatchesSavesAndFlushesThemAll() async throws {
        let store = try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
        _ = try await store.ingest((0..<200).map { NewRun(flow: "f", webhookID: "p\($0)", event: [:]) }, now: 1)
        let now = WallClock.now
        let leased = try await store.lease(owner: "w", limit: 200, now: now, until: now + 60)
        let before = await store.commitStatistics().commits
        let writer = ProgressWriter(store: store, owner: "w", logger: Logger(label: "test"), limit: 16)
        await withTaskGroup(of: Void.self) { group in
            for run in leased {
                group.addTask {
                    let save = Self.finished(run, status: .succeeded)
                    await writer.post(ProgressWriter.Save(attempt: save.attempt, run: save.run))
                }
            }
        }
        await writer.flush()
        #expect(try await store.countsByStatus()[.succeeded] == 200, "every posted save is in the store after flush")
        let commits = await store.commitStatistics().commits - before
        #expect(commits < 200, "saves share transactions (\(commits) commits for 200 runs)")
    }
}
