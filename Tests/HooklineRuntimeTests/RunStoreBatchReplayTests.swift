import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

/// `replay --failed` works through the failed runs in batches: their ids, then one statement per batch.
@Suite struct RunStoreBatchReplayTests {
    @Test func listsFailedRunsOldestFirstAndReplaysOnlyFailedOnes() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-batch-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.sqlite").path)
        let flows = ["a", "b", "a", "a", "b"]
        let ids = try await store.ingest(flows.enumerated().map { NewRun(flow: $1, webhookID: "w\($0)", event: [:]) }, now: 1).map(\.runID)
        let now = WallClock.now
        let leased = try await store.lease(owner: "w", limit: 5, now: now, until: now + 600)
        #expect(leased.count == 5)
        for var run in leased {
            // Run 3 succeeds; the others fail.
            run.status = run.id == ids[3] ? .succeeded : .failed
            #expect(try await store.update(run, owner: "w", now: now))
        }
        #expect(try await store.failedRunIDs(flow: nil) == [ids[0], ids[1], ids[2], ids[4]])
        #expect(try await store.failedRunIDs(flow: "a") == [ids[0], ids[2]])
        // The succeeded run and an unknown id are skipped; order follows the request.
        #expect(try await store.replay(ids: [ids[2], ids[3], "nope", ids[0]], now: now + 1) == [ids[2], ids[0]])
        #expect(try await store.run(ids[2])?.status == .queued)
        #expect(try await store.run(ids[3])?.status == .succeeded)
        #expect(try await store.failedRunIDs(flow: nil) == [ids[1], ids[4]])
        #expect(try await store.replay(ids: [], now: now + 2).isEmpty)
    }
}
