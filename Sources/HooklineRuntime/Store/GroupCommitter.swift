/// Group commit: ingests that arrive while a write is in flight wait and share the next one,
/// so a burst of webhooks costs one transaction (and one fsync) instead of one each.
actor GroupCommitter {
    typealias Flush = @Sendable ([NewRun]) async throws -> [IngestResult]

    private let flush: Flush
    private let maxBatch: Int
    private var pending: [(run: NewRun, continuation: CheckedContinuation<IngestResult, any Error>)] = []
    private var flushing = false
    /// Transactions committed, and runs they carried (for benchmarks: fsyncs per event).
    private(set) var commits = 0
    private(set) var committedRuns = 0

    init(maxBatch: Int = 512, flush: @escaping Flush) {
        self.maxBatch = maxBatch
        self.flush = flush
    }

    /// Stores `run` in the next group commit and returns its result once that commit is durable.
    func submit(_ run: NewRun) async throws -> IngestResult {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((run, continuation))
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
            do {
                let results = try await flush(batch.map(\.run))
                commits += 1
                committedRuns += batch.count
                for (entry, result) in zip(batch, results) { entry.continuation.resume(returning: result) }
            } catch {
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
