/// Wakes the delivery dispatcher early: ingest pokes it when a run is stored, workers when
/// they free a slot; otherwise it waits out its poll interval.
public actor WorkSignal {
    private var poked = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
    private var nextID = 0

    public init() {}

    /// Wakes the waiter, or the next one to wait.
    public func poke() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume()
        } else {
            poked = true
        }
    }

    /// Returns when poked (or already poked since the last wait) or after `timeout`.
    func wait(timeout: Duration) async {
        if poked {
            poked = false
            return
        }
        nextID += 1
        let id = nextID
        await withCheckedContinuation { continuation in
            waiter = (id, continuation)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expire(id)
            }
        }
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume()
    }
}
