import GRDB

/// Group commit for every write of the SQLite store: writes that arrive while a transaction is
/// in flight wait and share the next one, so a burst of ingests, leases and delivery progress
/// costs one transaction (one WAL fsync) instead of one each. Each write runs in its own
/// savepoint: one that throws is rolled back and fails alone while the others commit. Callers
/// resume only once the transaction is on disk.
actor WriteBatcher {
    private let pool: DatabasePool
    private let maxBatch: Int
    private var pending: [PendingWrite] = []
    private var flushing = false
    /// Transactions committed, and the runs ingested through them (fsyncs per event = commits / runs).
    private(set) var commits = 0
    private(set) var ingestedRuns = 0

    init(pool: DatabasePool, maxBatch: Int = 1024) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    /// Runs `body` in the next group commit and returns its result once that commit is durable.
    /// `ingesting` counts the runs the write stores (for ``ingestedRuns``).
    func write<T: Sendable>(ingesting: Int = 0, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(PendingWrite(ingesting: ingesting, body: body, continuation: continuation))
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
                try await pool.write { db in
                    for write in batch { write.apply(db) }
                }
                commits += 1
                ingestedRuns += batch.reduce(0) { $0 + $1.ingesting }
                for write in batch { write.finish(nil) }
            } catch {
                for write in batch { write.finish(error) }
            }
        }
        flushing = false
    }
}

/// One write waiting for a group commit. `apply` runs on the database's writer (inside the
/// transaction) and keeps the outcome; `finish` resumes the caller after the commit. The two never
/// run at the same time (the commit's completion orders them), hence `@unchecked Sendable`.
private final class PendingWrite: @unchecked Sendable {
    let ingesting: Int
    let apply: @Sendable (Database) -> Void
    let finish: @Sendable ((any Error)?) -> Void

    init<T: Sendable>(ingesting: Int, body: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        let outcome = Outcome<T>()
        self.ingesting = ingesting
        apply = { db in
            do {
                var value: T?
                try db.inSavepoint {
                    value = try body(db)
                    return .commit
                }
                outcome.result = value.map { .success($0) }
            } catch {
                outcome.result = .failure(error)
            }
        }
        finish = { commitError in
            if let commitError {
                continuation.resume(throwing: commitError)
            } else if let result = outcome.result {
                continuation.resume(with: result)
            } else {
                continuation.resume(throwing: StoreWriteError())
            }
        }
    }

    private final class Outcome<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}

/// A write whose transaction ended without running it (not expected; reported rather than lost).
struct StoreWriteError: Error, CustomStringConvertible {
    var description: String { "the store write was not carried out; retry" }
}
