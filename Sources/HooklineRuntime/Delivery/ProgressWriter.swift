import Logging
import NIOConcurrencyHelpers

/// Saves the last step of each delivered run (its attempt and the run's new status) in batches,
/// so a worker hands its run over and takes the next one instead of waiting for the store's
/// commit. Until the save commits the run stays leased to this process: a crash before then
/// repeats the step after the lease ends (at least once, never lost), as a crash mid-step does.
///
/// One batch is in the store at a time; saves posted meanwhile form the next one. At most
/// `limit` saves wait: beyond that ``post(_:)`` waits too, so a slow store slows delivery down
/// instead of filling memory.
///
/// A lock, not an actor: posting is a delivery worker's last act per run, and an actor hop (to
/// Swift's shared pool and back to the delivery threads) per run showed in profiles; a post with
/// room returns without suspending.
final class ProgressWriter: Sendable {
    /// A run's progress to save: the attempt that made it and the run as it now stands.
    struct Save: Sendable {
        var attempt: AttemptRecord
        var run: RunRecord
    }

    private struct State {
        var pending: [Save] = []
        var writing = false
        /// Callers of `post` waiting for room, and callers of `flush` waiting for the end of writing.
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let store: any RunStore
    private let owner: String
    private let logger: Logger
    private let limit: Int
    private let state = NIOLockedValueBox(State())

    init(store: any RunStore, owner: String, logger: Logger, limit: Int) {
        self.store = store
        self.owner = owner
        self.logger = logger
        self.limit = max(1, limit)
    }

    /// Queues `save` for the next batch; waits only while `limit` saves are already waiting.
    func post(_ save: Save) async {
        while true {
            let (admitted, startWriter) = state.withLockedValue { state -> (Bool, Bool) in
                guard state.pending.count < limit else { return (false, false) }
                state.pending.append(save)
                guard !state.writing else { return (true, false) }
                state.writing = true
                return (true, true)
            }
            if startWriter { Task { await self.writeAll() } }
            if admitted { return }
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let queued = state.withLockedValue { state in
                    guard state.pending.count >= limit else { return false }
                    state.roomWaiters.append(waiter)
                    return true
                }
                if !queued { waiter.resume() }
            }
        }
    }

    /// Returns once every save posted before the call is in the store (or failed and logged).
    func flush() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let queued = state.withLockedValue { state in
                guard state.writing || !state.pending.isEmpty else { return false }
                state.idleWaiters.append(waiter)
                return true
            }
            if !queued { waiter.resume() }
        }
    }

    private func writeAll() async {
        while true {
            let (batch, waiters) = state.withLockedValue { state -> ([Save]?, [CheckedContinuation<Void, Never>]) in
                guard !state.pending.isEmpty else {
                    state.writing = false
                    defer { state.idleWaiters.removeAll() }
                    return (nil, state.idleWaiters)
                }
                let batch = state.pending
                state.pending.removeAll(keepingCapacity: true)
                defer { state.roomWaiters.removeAll() }
                return (batch, state.roomWaiters)
            }
            for waiter in waiters { waiter.resume() }
            guard let batch else { return }
            await write(batch)
        }
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
