import ConnectorKit

/// The durable queue and run log the runner works on. SQLite is the embedded default; every
/// implementation passes the same conformance tests.
///
/// Leases make delivery safe with several workers (and processes): a worker owns a run until
/// its lease ends; a run whose lease ran out (its worker died) is leased again.
public protocol RunStore: Sendable {
    /// Stores each run durably (on disk, synced) before returning; a repeated
    /// (flow, webhook id) gives back the first run's id.
    func ingest(_ runs: [NewRun], now: Double) async throws -> [IngestResult]

    /// Stores one run as ``ingest(_:now:)`` does; a new run is stored leased to `owner` until
    /// `until` (status `running`, as ``lease(owner:limit:now:until:)`` leaves it) and returned,
    /// so the ingesting process's worker starts it without a lease query. The default stores it
    /// queued (`.stored`).
    func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double) async throws -> LeasedIngestResult

    /// Leases up to `limit` due runs (queued or retrying with `nextAt <= now`, or running with
    /// an expired lease) to `owner` until `until`, oldest due first.
    func lease(owner: String, limit: Int, now: Double, until: Double) async throws -> [RunRecord]

    /// Extends `owner`'s lease on run `id`; false when the lease was lost.
    func renewLease(_ id: String, owner: String, until: Double) async throws -> Bool

    /// Records one attempt of a step.
    func recordAttempt(_ attempt: AttemptRecord) async throws

    /// Saves progress of a leased run: its event, outputs, next step, status and schedule.
    /// Ends the lease unless `status` is `running`. False when `owner` no longer holds the lease.
    func update(_ run: RunRecord, owner: String, now: Double) async throws -> Bool

    /// Records one attempt of a step and saves the run's progress (as ``update(_:owner:now:)``)
    /// in one transaction. False when `owner` no longer holds the lease (the attempt is kept).
    func recordAttempt(_ attempt: AttemptRecord, andUpdate run: RunRecord, owner: String, now: Double) async throws -> Bool

    /// ``recordAttempt(_:andUpdate:owner:now:)`` for many runs at once (the delivery workers'
    /// finished runs, saved in batches). One result per save, in order: false where `owner` no
    /// longer held the lease. A save that fails does not stop the others.
    func recordAttempts(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool]

    /// Gives `owner`'s leased runs back (graceful shutdown); returns how many.
    func release(owner: String, now: Double) async throws -> Int

    /// Runs matching `filter`, each with its sequence number: newest first; oldest first with
    /// `after`; in order of change with `updatedSince`.
    func runs(_ filter: RunFilter) async throws -> [(sequence: Int64, run: RunRecord)]

    /// One run, if it exists.
    func run(_ id: String) async throws -> RunRecord?

    /// The attempts of run `id`, in order.
    func attempts(_ id: String) async throws -> [AttemptRecord]

    /// Queues failed runs again from their failed step with fresh attempts: the run `id`, or
    /// every failed run (of `flow`). Returns the replayed run ids.
    func replay(id: String?, flow: String?, now: Double) async throws -> [String]

    /// The ids of the failed runs (of `flow`), oldest first: what `replay --failed` works through.
    func failedRunIDs(flow: String?) async throws -> [String]

    /// Queues the failed runs among `ids` again, as ``replay(id:flow:now:)`` does; returns the
    /// ids replayed (runs no longer failed are skipped).
    func replay(ids: [String], now: Double) async throws -> [String]

    /// How many runs are in each of `statuses` (a status with none may be left out). Each count
    /// costs as much as the runs it counts: the pending statuses and `failed` are cheap however
    /// many succeeded runs the store keeps; `succeeded` reads them all.
    func countsByStatus(_ statuses: [RunStatus]) async throws -> [RunStatus: Int]

    /// Deletes up to `limit` runs in the finished `status` (succeeded or failed) whose last
    /// attempt was before `cutoff` (Unix seconds), with their attempts; returns how many.
    /// A pending status deletes nothing. Oldest first, so repeated calls work through a backlog.
    func pruneFinished(_ status: RunStatus, lastAttemptBefore cutoff: Double, limit: Int) async throws -> Int

    /// Calls `wake` whenever another process may have queued work (ingest, replay, released
    /// leases), until the calling task is cancelled. The default returns at once: a store only
    /// one process uses needs no cross-process wake-ups.
    func watchForWork(_ wake: @escaping @Sendable () async -> Void) async
}

extension RunStore {
    public func watchForWork(_ wake: @escaping @Sendable () async -> Void) async {}

    /// Stores the run queued: the dispatcher leases it.
    public func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double) async throws -> LeasedIngestResult {
        .stored(try await ingest([run], now: now)[0])
    }

    /// How many runs are in each status (reads every run: for tests and one-off commands).
    public func countsByStatus() async throws -> [RunStatus: Int] {
        try await countsByStatus(RunStatus.allCases)
    }
}

extension RunStore {
    /// Pages through ``runs(_:)``; a store should answer with the ids alone.
    public func failedRunIDs(flow: String?) async throws -> [String] {
        var ids: [String] = []
        var after: Int64 = 0
        while true {
            let page = try await runs(RunFilter(flow: flow, status: .failed, after: after, limit: 1000))
            ids += page.map(\.run.id)
            guard let last = page.last, page.count == 1000 else { return ids }
            after = last.sequence
        }
    }

    /// One ``replay(id:flow:now:)`` per id; a store should replay them in one statement.
    public func replay(ids: [String], now: Double) async throws -> [String] {
        var replayed: [String] = []
        for id in ids { replayed += try await replay(id: id, flow: nil, now: now) }
        return replayed
    }
}

extension RunStore {
    /// Two writes; a store that can do both in one transaction implements it.
    public func recordAttempt(_ attempt: AttemptRecord, andUpdate run: RunRecord, owner: String, now: Double) async throws -> Bool {
        try await recordAttempt(attempt)
        return try await update(run, owner: owner, now: now)
    }

    /// The saves concurrently, each as ``recordAttempt(_:andUpdate:owner:now:)``; throws the first
    /// error once all have ended.
    public func recordAttempts(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        try await recordAttemptsSeparately(saves, owner: owner, now: now)
    }

    /// ``recordAttempts(_:owner:now:)`` as separate writes, each failing alone.
    func recordAttemptsSeparately(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        let outcomes = await withTaskGroup(of: (Int, Result<Bool, any Error>).self) { group in
            for (index, save) in saves.enumerated() {
                group.addTask {
                    do { return (index, .success(try await recordAttempt(save.attempt, andUpdate: save.run, owner: owner, now: now))) }
                    catch { return (index, .failure(error)) }
                }
            }
            var outcomes = [Result<Bool, any Error>](repeating: .success(false), count: saves.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        return try outcomes.map { try $0.get() }
    }
}
