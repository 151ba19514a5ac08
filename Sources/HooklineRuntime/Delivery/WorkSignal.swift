import NIOConcurrencyHelpers

/// Wakes the delivery dispatcher early: ingest pokes it when it stores a run queued (not handed
/// to the workers, ``DeliveryHandoff``), workers when they free room while runs wait in the
/// store, the operator API when it replays; otherwise it waits out its poll interval, or until
/// the earliest retry this process scheduled is due.
///
/// A lock rather than an actor: every ingest pokes, and a poke is a flag set under a lock (plus
/// a resume when the dispatcher is waiting), not a hop onto the actor's executor.
public final class WorkSignal: Sendable {
    private struct State {
        var poked = false
        var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>, timeout: Task<Void, Never>)?
        var nextID = 0
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func poke() {
        let woken = state.withLockedValue { state -> (CheckedContinuation<Void, Never>, Task<Void, Never>)? in
            guard let waiter = state.waiter else {
                state.poked = true
                return nil
            }
            state.waiter = nil
            return (waiter.continuation, waiter.timeout)
        }
        if let (continuation, timeout) = woken {
            timeout.cancel()
            continuation.resume()
        }
    }

    /// Returns when poked (or already poked since the last wait), after `timeout`, or at once when
    /// the calling task is cancelled. One waiter at a time (the dispatcher).
    func wait(timeout: Duration) async {
        await withTaskCancellationHandler {
            await waitForPoke(timeout: timeout)
        } onCancel: {
            poke()
        }
    }

    private func waitForPoke(timeout: Duration) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLockedValue { state -> Bool in
                if state.poked {
                    state.poked = false
                    return true
                }
                state.nextID += 1
                let id = state.nextID
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.expire(id)
                }
                state.waiter = (id, continuation, timer)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func expire(_ id: Int) {
        let continuation = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        continuation?.resume()
    }
}
