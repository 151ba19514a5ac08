import ConnectorKit
import Foundation
import Logging
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
        }
    }

    @Test func aFailingSaveInABatchFailsAlone() async throws {
        let store = try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
        _ = try await store.ingest((0..<3).map { NewRun(flow: "f", webhookID: "b\($0)", event: [:]) }, now: 1)
        let now = WallClock.now
        let leased = try await store.lease(owner: "w", limit: 3, now: now, until: now + 60)
        var saves = leased.map { Self.finished($0, status: .succeeded) }
        saves[1].attempt.runID = "no-such-run"  // the attempts' foreign key fails this save
        #expect(try await store.recordAttempts(saves, owner: "w", now: now + 1) == [true, false, true])
        #expect(try await store.run(leased[1].id)?.status == .running, "rolled back: still leased, delivered again later")
        #expect(try await store.countsByStatus()[.succeeded] == 2)
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
