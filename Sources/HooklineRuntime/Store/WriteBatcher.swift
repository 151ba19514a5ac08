import Foundation
import GRDB
import NIOConcurrencyHelpers

/// Group commit for every write of the SQLite store: writes that arrive while a transaction is
/// in flight wait and share the next one, so a burst of ingests, leases and delivery progress
/// costs one transaction (one WAL fsync) instead of one each. Each write runs in its own
/// savepoint: one that throws is rolled back and fails alone while the others commit. Callers
/// resume only once the transaction is on disk.
///
/// The transactions run on a thread of the batcher's own, which takes the next batch as soon as
/// a commit ends. Under load the commit loop then never waits for a turn on Swift's cooperative
/// pool (busy with request handlers) between commits; callers hand their writes over under a
/// lock and are resumed on the pool when their commit is durable.
final class WriteBatcher: Sendable {
    private let queue: WriteQueue

    init(pool: DatabasePool, maxBatch: Int = 1024) {
        queue = WriteQueue(maxBatch: maxBatch)
        Thread { [queue] in
            ThreadName.set("hookline-sqlite")
            queue.run(pool: pool)
        }.start()
    }

    deinit {
        queue.stop()
    }

    /// Transactions committed.
    var commits: Int { queue.statistics.withLockedValue { $0.commits } }
    /// Runs ingested through them (fsyncs per event = commits / runs).
    var ingestedRuns: Int { queue.statistics.withLockedValue { $0.runs } }

    /// Runs `body` in the next group commit and returns its result once that commit is durable.
    /// `ingesting` counts the runs the write stores (for ``ingestedRuns``). `needsSavepoint: false`
    /// for a write that undoes itself when it fails: one SQL statement (SQLite undoes a failed
    /// statement alone) or one with savepoints of its own. A savepoint costs two more statements
    /// on the writer thread, which every commit waits for.
    func write<T: Sendable>(ingesting: Int = 0, needsSavepoint: Bool = true,
                            _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            write(ingesting: ingesting, needsSavepoint: needsSavepoint, body) { continuation.resume(with: $0) }
        }
    }

    /// ``write(ingesting:needsSavepoint:_:)`` for a caller that is not in a task (a channel handler
    /// on its event loop): `completion` gets the outcome on the writer thread once the commit is
    /// durable, and must only hand it on (the next commit waits for it).
    func write<T: Sendable>(ingesting: Int = 0, needsSavepoint: Bool = true,
                            _ body: @escaping @Sendable (Database) throws -> T,
                            completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        queue.append(PendingWrite(ingesting: ingesting, isolated: needsSavepoint, body: body, completion: completion))
    }
}

/// The writes waiting for the writer thread, and its loop.
private final class WriteQueue: @unchecked Sendable {
    // `pending` and `stopping` are guarded by `lock`, whose value says whether the thread has
    // something to do (writes pending, or a stop).
    private let lock = ConditionLock(value: false)
    private var pending: [PendingWrite] = []
    private var stopping = false
    private let maxBatch: Int
    let statistics = NIOLockedValueBox((commits: 0, runs: 0))

    init(maxBatch: Int) {
        self.maxBatch = maxBatch
    }

    func append(_ write: PendingWrite) {
        lock.lock()
        pending.append(write)
        lock.unlock(withValue: true)
    }

    /// Lets the thread end once the writes already handed over are committed.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock(withValue: true)
    }

    /// The writer thread: one transaction per batch of pending writes, until stopped.
    func run(pool: DatabasePool) {
        while true {
            lock.lock(whenValue: true)
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let done = batch.isEmpty && stopping
            lock.unlock(withValue: !pending.isEmpty || stopping)
            if done { return }
            do {
                try pool.write { db in
                    for write in batch {
                        write.apply(db)
                        // Some errors (disk full, I/O) roll the whole transaction back: the writes
                        // after it must not run in autocommit, stored while reported as failed.
                        guard db.isInsideTransaction else { throw StoreWriteError() }
                    }
                }
                let runs = batch.reduce(0) { $0 + $1.ingesting }
                statistics.withLockedValue { $0.commits += 1; $0.runs += runs }
                for write in batch { write.finish(nil) }
            } catch {
                for write in batch { write.finish(error) }
            }
        }
    }
}

/// One write waiting for a group commit. `apply` runs on the database's writer (inside the
/// transaction) and keeps the outcome; `finish` reports to the caller after the commit. The two never
/// run at the same time (the commit's completion orders them), hence `@unchecked Sendable`.
private final class PendingWrite: @unchecked Sendable {
    let ingesting: Int
    let apply: @Sendable (Database) -> Void
    let finish: @Sendable ((any Error)?) -> Void

    init<T: Sendable>(ingesting: Int, isolated: Bool, body: @escaping @Sendable (Database) throws -> T,
                      completion: @escaping @Sendable (Result<T, any Error>) -> Void) {
        let outcome = Outcome<T>()
        self.ingesting = ingesting
        apply = { db in
            do {
                if isolated {
                    var value: T?
                    try db.inSavepoint {
                        value = try body(db)
                        return .commit
                    }
                    outcome.result = value.map { .success($0) }
                } else {
                    outcome.result = .success(try body(db))
                }
            } catch {
                outcome.result = .failure(error)
            }
        }
        finish = { commitError in
            if let commitError {
                completion(.failure(commitError))
            } else if let result = outcome.result {
                completion(result)
            } else {
                completion(.failure(StoreWriteError()))
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
