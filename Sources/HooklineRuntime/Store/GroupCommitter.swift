/// Group commit: ingests that arrive while a write is in flight wait and share the next one,
/// so a burst of webhooks costs one transaction (and one fsync) instead of one each.
actor GroupCommitter {
    /// A run to store: queued, or leased to `lease` (``RunStore/ingestLeased(_:now:owner:until:)``).
    struct Entry: Sendable {
        var run: NewRun
        var lease: (owner: String, until: Double)?
    }

    /// Stores the entries at `stamp` (their created and updated time) in one transaction.
    typealias Flush = @Sendable (_ entries: [Entry], _ stamp: Double) async throws -> [IngestResult]

    private let flush: Flush
    private let maxBatch: Int
    private var pending: [(entry: Entry, continuation: CheckedContinuation<(IngestResult, stamp: Double), any Error>)] = []
    private var flushing = false
    /// Transactions committed, and runs they carried (for benchmarks: fsyncs per event).
    private(set) var commits = 0
    private(set) var committedRuns = 0

    init(maxBatch: Int = 512, flush: @escaping Flush) {
        self.maxBatch = maxBatch
        self.flush = flush
    }

    /// Stores `entry` in the next group commit and returns its result, and the time it was stored
    /// at, once that commit is durable.
    func submit(_ entry: Entry) async throws -> (IngestResult, stamp: Double) {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((entry, continuation))
            if !flushing {
                flushing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let stamp = WallClock.now
            do {
                let results = try await flush(batch.map(\.entry), stamp)
                commits += 1
                committedRuns += batch.count
                for (pending, result) in zip(batch, results) { pending.continuation.resume(returning: (result, stamp)) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
