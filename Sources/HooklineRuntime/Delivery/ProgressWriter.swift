import Logging

/// Saves the last step of each delivered run (its attempt and the run's new status) in batches,
/// so a worker hands its run over and takes the next one instead of waiting for the store's
/// commit. Until the save commits the run stays leased to this process: a crash before then
/// repeats the step after the lease ends (at least once, never lost), as a crash mid-step does.
///
/// One batch is in the store at a time; saves posted meanwhile form the next one. At most
/// `limit` saves wait: beyond that ``post(_:)`` waits too, so a slow store slows delivery down
/// instead of filling memory.
actor ProgressWriter {
    /// A run's progress to save: the attempt that made it and the run as it now stands.
    struct Save: Sendable {
        var attempt: AttemptRecord
        var run: RunRecord
    }

    private let store: any RunStore
    private let owner: String
    private let logger: Logger
    private let limit: Int
    private var pending: [Save] = []
    private var writing = false
    /// Callers of `post` waiting for room, and callers of `flush` waiting for the end of writing.
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(store: any RunStore, owner: String, logger: Logger, limit: Int) {
        self.store = store
        self.owner = owner
        self.logger = logger
        self.limit = max(1, limit)
    }

    /// Queues `save` for the next batch; waits only while `limit` saves are already waiting.
    func post(_ save: Save) async {
        while pending.count >= limit {
            await withCheckedContinuation { roomWaiters.append($0) }
        }
        pending.append(save)
        if !writing {
            writing = true
            Task { await self.writeAll() }
        }
    }

    /// Returns once every save posted before the call is in the store (or failed and logged).
    func flush() async {
        guard writing || !pending.isEmpty else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func writeAll() async {
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let waiters = roomWaiters
            roomWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
            await write(batch)
        }
        writing = false
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    private func write(_ batch: [Save]) async {
        do {
            let saved = try await store.recordAttempts(batch.map { ($0.attempt, $0.run) }, owner: owner, now: WallClock.now)
            for (save, kept) in zip(batch, saved) where !kept {
                logger.warning("run progress not saved (the lease was lost, or the store failed the write); the step is repeated once the lease ends",
                               metadata: ["run": "\(save.run.id)"])
            }
        } catch {
            // The leases expire and the steps are repeated: at least once, never lost.
            logger.error("could not save run progress", metadata: ["runs": "\(batch.count)", "error": "\(error)"])
        }
    }
}
