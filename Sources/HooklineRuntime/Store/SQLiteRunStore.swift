import ConnectorKit
import GRDB

/// The embedded default store: one SQLite file in WAL mode, `synchronous = FULL` so a commit
/// is on disk before an ingest returns, group commit of every write (ingests, leases, delivery
/// progress: ``WriteBatcher``), and `busy_timeout` so the CLI (`logs`, `replay`) can share the
/// file with a running runner.
public final class SQLiteRunStore: RunStore {
    let pool: DatabasePool
    let writes: WriteBatcher
    /// The hot statements, bound directly (``DirectStatement``); used on the writer only.
    let statements = HotStatements()
    /// The file.
    public let path: String

    /// Opens (creating and migrating) the store at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        // Not in `prepareDatabase`: the pool switches its writer to `synchronous = NORMAL` (no sync
        // per commit) after that runs, when it turns WAL on. The writer is the connection that commits.
        // A 32 MB page cache for the writer (SQLite's default is 2 MB): the unique index on webhook
        // ids takes random keys, and with a large store its pages were read back at every commit.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -32768") }
        self.path = path
        try SQLiteSchema.migrator.migrate(pool)
        writes = WriteBatcher(pool: pool)
    }

    /// Transactions committed (each one WAL fsync; ingests and delivery progress share them) and
    /// the runs ingested through them.
    public func commitStatistics() async -> (commits: Int, runs: Int) {
        (writes.commits, writes.ingestedRuns)
    }

    /// The writer connection's `PRAGMA synchronous` (`FULL`: every commit is synced to disk).
    public func writerSynchronousMode() async throws -> String {
        let level = try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        let names = ["OFF", "NORMAL", "FULL", "EXTRA"]
        return level.flatMap { names.indices.contains($0) ? names[$0] : nil } ?? "unknown"
    }

    public func ingest(_ runs: [NewRun], now: Double) async throws -> [IngestResult] {
        // Ids and event texts are made here, on the caller's thread: the writer thread only runs SQL.
        let stamp = WallClock.now
        let rows = runs.map { Self.row($0, text: $0.storedEventText, stamp: stamp, lease: nil) }
        // One run is one INSERT (the SELECT of a duplicate's id changes nothing): no savepoint needed.
        return try await writes.write(ingesting: runs.count, needsSavepoint: runs.count > 1) { [statements] db in
            try SQLiteRunStore.insert(rows, db: db, statements: statements)
        }
    }

    public func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double) async throws -> LeasedIngestResult {
        try await withCheckedThrowingContinuation { continuation in
            ingestLeased(run, now: now, owner: owner, until: until) { continuation.resume(with: $0) }
        }
    }
}

extension SQLiteRunStore: CallbackIngesting {
    func ingest(_ run: NewRun, now: Double, completion: @escaping @Sendable (Result<IngestResult, any Error>) -> Void) {
        let row = Self.row(run, text: run.storedEventText, stamp: WallClock.now, lease: nil)
        writes.write(ingesting: 1, needsSavepoint: false, { [statements] db in
            try SQLiteRunStore.insert([row], db: db, statements: statements)[0]
        }, completion: completion)
    }

    func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double,
                      completion: @escaping @Sendable (Result<LeasedIngestResult, any Error>) -> Void) {
        let stamp = WallClock.now
        let text = run.storedEventText
        let row = Self.row(run, text: text, stamp: stamp, lease: (owner, until))
        writes.write(ingesting: 1, needsSavepoint: false, { [statements] db in
            try SQLiteRunStore.insert([row], db: db, statements: statements)[0]
        }, completion: { outcome in
            completion(outcome.map { result in
                guard case .accepted(let id) = result else { return .stored(result) }
                return .leased(RunRecord(leasedOnIngest: run, id: id, text: text, stamp: stamp, owner: owner, until: until))
            })
        })
    }
}

extension SQLiteRunStore {
    /// A run's INSERT row, with a new id: queued, or running leased to `lease`.
    private static func row(_ run: NewRun, text: String, stamp: Double, lease: (owner: String, until: Double)?)
        -> (id: String, flow: String, webhookID: String?, values: [SQLValue]) {
        let id = RunID.make(now: stamp)
        return (id: id, flow: run.flow, webhookID: run.webhookID,
                values: insertValues(id: id, run, text: text, status: lease == nil ? .queued : .running, stamp: stamp, lease: lease))
    }

    private static func insertValues(id: String, _ run: NewRun, text: String, status: RunStatus, stamp: Double,
                                     lease: (owner: String, until: Double)?) -> [SQLValue] {
        [.text(id), .text(run.flow), .text(run.webhookID), .text(text), .text(status.rawValue), .real(stamp), .real(stamp), .real(stamp),
         .text(lease?.owner), .real(lease?.until)]
    }

    private static func insert(_ rows: [(id: String, flow: String, webhookID: String?, values: [SQLValue])],
                               db: Database, statements: HotStatements) throws -> [IngestResult] {
        var results: [IngestResult] = []
        results.reserveCapacity(rows.count)
        for row in rows {
            try statements.insertRun.execute(db, row.values)
            if db.changesCount == 1 {
                results.append(.accepted(runID: row.id))
            } else {
                let existing = try String.fetchOne(db, sql: "SELECT id FROM runs WHERE flow = ? AND webhook_id = ?",
                                                   arguments: [row.flow, row.webhookID]) ?? row.id
                results.append(.duplicate(runID: existing))
            }
        }
        return results
    }

    public func lease(owner: String, limit: Int, now: Double, until: Double) async throws -> [RunRecord] {
        // One ordered, limited index range per status (runs_due is (status, next_at, seq)), merged:
        // an OR over the statuses would sort every due run for each lease (~100 ms at 50k queued).
        // With a savepoint: decoding the returned rows can throw after the UPDATE changed them.
        try await writes.write { db in
            // A cached statement, its rows read by position (GRDB's lookup by name lower-cases
            // each column name: ~9% of the writer thread's time while delivering).
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                UPDATE runs SET status = 'running', lease_owner = :owner, lease_until = :until, updated_at = :now
                WHERE seq IN (
                    SELECT seq FROM (
                        SELECT * FROM (SELECT seq, next_at FROM runs WHERE status = 'queued' AND next_at <= :now
                                       ORDER BY next_at, seq LIMIT :limit)
                        UNION ALL
                        SELECT * FROM (SELECT seq, next_at FROM runs WHERE status = 'retrying' AND next_at <= :now
                                       ORDER BY next_at, seq LIMIT :limit)
                        UNION ALL
                        SELECT * FROM (SELECT seq, next_at FROM runs WHERE status = 'running' AND lease_until < :now
                                       ORDER BY next_at, seq LIMIT :limit)
                    ) ORDER BY next_at, seq LIMIT :limit)
                RETURNING \(SQLiteRunStore.recordColumns)
                """), arguments: ["owner": owner, "until": until, "now": now, "limit": limit])
            return try rows.map(SQLiteRunStore.recordByPosition).sorted { ($0.nextAt, $0.createdAt) < ($1.nextAt, $1.createdAt) }
        }
    }

    public func renewLease(_ id: String, owner: String, until: Double) async throws -> Bool {
        try await writes.write(needsSavepoint: false) { db in
            try db.execute(sql: "UPDATE runs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = 'running'",
                           arguments: [until, id, owner])
            return db.changesCount == 1
        }
    }

    public func recordAttempt(_ attempt: AttemptRecord) async throws {
        let values = Self.values(attempt)
        try await writes.write(needsSavepoint: false) { [statements] db in try statements.insertAttempt.execute(db, values) }
    }

    public func update(_ run: RunRecord, owner: String, now: Double) async throws -> Bool {
        let values = Self.values(run, owner: owner, now: now)
        return try await writes.write(needsSavepoint: false) { [statements] db in try SQLiteRunStore.update(values, db: db, statements: statements) }
    }

    public func recordAttempt(_ attempt: AttemptRecord, andUpdate run: RunRecord, owner: String, now: Double) async throws -> Bool {
        let attemptValues = Self.values(attempt), runValues = Self.values(run, owner: owner, now: now)
        return try await writes.write { [statements] db in
            try statements.insertAttempt.execute(db, attemptValues)
            return try SQLiteRunStore.update(runValues, db: db, statements: statements)
        }
    }

    /// One write for the whole batch, in one savepoint; should a save fail, each save gets a
    /// savepoint of its own, so the one that fails is rolled back alone (and reported as not
    /// saved) while the others commit.
    public func recordAttempts(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        let prepared = saves.map { (attempt: Self.values($0.attempt), run: Self.values($0.run, owner: owner, now: now)) }
        // All saves in one savepoint first (two statements fewer per save than a savepoint each);
        // should one fail, that savepoint is rolled back and each save gets a savepoint of its own.
        return try await writes.write(needsSavepoint: false) { [statements] db in
            var saved: [Bool] = []
            saved.reserveCapacity(prepared.count)
            do {
                try db.inSavepoint {
                    for save in prepared {
                        try statements.insertAttempt.execute(db, save.attempt)
                        saved.append(try SQLiteRunStore.update(save.run, db: db, statements: statements))
                    }
                    return .commit
                }
                return saved
            } catch {
                guard db.isInsideTransaction else { throw error }
            }
            saved.removeAll(keepingCapacity: true)
            for save in prepared {
                var kept = false
                try? db.inSavepoint {
                    try statements.insertAttempt.execute(db, save.attempt)
                    kept = try SQLiteRunStore.update(save.run, db: db, statements: statements)
                    return .commit
                }
                // An error that ended the transaction (disk full, I/O) ends the batch: later saves
                // would otherwise commit one by one outside the group's transaction.
                guard db.isInsideTransaction else { throw StoreWriteError() }
                saved.append(kept)
            }
            return saved
        }
    }

    // Statement values are made on the caller's thread (JSON texts included); the writer
    // thread, which every commit waits for, only binds them and runs the statements.

    private static func values(_ attempt: AttemptRecord) -> [SQLValue] {
        [.text(attempt.runID), .integer(attempt.stepIndex), .text(attempt.stepID), .integer(attempt.attempt), .real(attempt.startedAt),
         .real(attempt.durationMilliseconds), .text(attempt.outcome.rawValue), .text(attempt.requests.serialized()), .integer(attempt.status),
         .text(attempt.error), .text(attempt.responseExcerpt)]
    }

    private static func values(_ run: RunRecord, owner: String, now: Double) -> [SQLValue] {
        let keepsLease = run.status == .running
        // A finished run's next_at is when it finished: retention finds old finished runs by it
        // through the runs_due (status, next_at) index (a run may have waited long to be due).
        let nextAt = run.status.isPending ? run.nextAt : now
        return [.text(run.eventTextToStore), .text(run.status.rawValue), .integer(run.stepIndex), .integer(run.attempt), .real(nextAt),
                .text(JSONValue.object(run.outputs).serialized()), .text(run.error), .real(now), .text(keepsLease ? owner : nil),
                .real(keepsLease ? run.leaseUntil : nil), .text(run.id), .text(owner)]
    }

    /// The run's progress, if `owner` (the last value) still holds its lease; true when saved.
    private static func update(_ values: [SQLValue], db: Database, statements: HotStatements) throws -> Bool {
        try statements.updateRun.execute(db, values)
        return db.changesCount == 1
    }

    public func release(owner: String, now: Double) async throws -> Int {
        try await writes.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'queued', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE lease_owner = ? AND status = 'running'
                """, arguments: [now, owner])
            return db.changesCount
        }
    }

    public func runs(_ filter: RunFilter) async throws -> [(sequence: Int64, run: RunRecord)] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let flow = filter.flow { conditions.append("flow = ?"); arguments += [flow] }
            if let status = filter.status { conditions.append("status = ?"); arguments += [status.rawValue] }
            if let after = filter.after { conditions.append("seq > ?"); arguments += [after] }
            if let since = filter.updatedSince { conditions.append("updated_at >= ?"); arguments += [since] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [filter.limit]
            let order = filter.updatedSince != nil ? "updated_at ASC, seq ASC" : filter.after == nil ? "seq DESC" : "seq ASC"
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM runs \(whereClause) ORDER BY \(order) LIMIT ?", arguments: arguments)
            return try rows.map { (sequence: $0["seq"] as Int64, run: try SQLiteRunStore.record($0)) }
        }
    }

    public func run(_ id: String) async throws -> RunRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(SQLiteRunStore.record)
        }
    }

    public func attempts(_ id: String) async throws -> [AttemptRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM attempts WHERE run_id = ? ORDER BY seq", arguments: [id]).map { row in
                AttemptRecord(runID: row["run_id"], stepIndex: row["step_index"], stepID: row["step_id"], attempt: row["attempt"],
                              startedAt: row["started_at"], durationMilliseconds: row["duration_ms"],
                              outcome: AttemptRecord.Outcome(rawValue: row["outcome"]) ?? .failed,
                              requests: (try? JSONParser.parse(row["requests"] as String)) ?? .array([]),
                              status: row["status"], error: row["error"], responseExcerpt: row["response_excerpt"])
            }
        }
    }

    public func replay(id: String?, flow: String?, now: Double) async throws -> [String] {
        try await writes.write { db in
            var conditions = ["status = 'failed'"]
            var arguments: StatementArguments = [now, now]
            if let id { conditions.append("id = ?"); arguments += [id] }
            if let flow { conditions.append("flow = ?"); arguments += [flow] }
            let rows = try String.fetchAll(db, sql: """
                UPDATE runs SET status = 'queued', attempt = 0, next_at = ?, error = NULL, updated_at = ?
                WHERE \(conditions.joined(separator: " AND ")) RETURNING id
                """, arguments: arguments)
            return rows
        }
    }

    public func failedRunIDs(flow: String?) async throws -> [String] {
        try await pool.read { db in
            if let flow {
                return try String.fetchAll(db, sql: "SELECT id FROM runs WHERE status = 'failed' AND flow = ? ORDER BY seq", arguments: [flow])
            }
            return try String.fetchAll(db, sql: "SELECT id FROM runs WHERE status = 'failed' ORDER BY seq")
        }
    }

    public func replay(ids: [String], now: Double) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await pool.write { db in
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var arguments: StatementArguments = [now, now]
            arguments += StatementArguments(ids)
            let replayed = Set(try String.fetchAll(db, sql: """
                UPDATE runs SET status = 'queued', attempt = 0, next_at = ?, error = NULL, updated_at = ?
                WHERE status = 'failed' AND id IN (\(placeholders)) RETURNING id
                """, arguments: arguments))
            return ids.filter(replayed.contains)
        }
    }

    /// The columns ``recordByPosition(_:)`` reads, in its order.
    static let recordColumns = "id, flow, webhook_id, event, status, step_index, attempt, next_at, outputs, error, created_at, updated_at, lease_owner, lease_until"

    /// A run from a row of ``recordColumns``, read by position.
    private static func recordByPosition(_ row: Row) throws -> RunRecord {
        let eventText: String = row[3]
        let outputsText: String = row[8]
        let status: String = row[4]
        var record = RunRecord(
            id: row[0], flow: row[1], webhookID: row[2],
            event: try JSONParser.parse(eventText), status: RunStatus(rawValue: status) ?? .failed,
            stepIndex: row[5], attempt: row[6], nextAt: row[7],
            outputs: (try JSONParser.parse(outputsText)).objectValue ?? JSONObject(), error: row[9],
            createdAt: row[10], updatedAt: row[11], leaseOwner: row[12], leaseUntil: row[13])
        record.storedText = StoredText(text: eventText)
        return record
    }

    private static func record(_ row: Row) throws -> RunRecord {
        let eventText: String = row["event"]
        let outputsText: String = row["outputs"]
        var record = RunRecord(
            id: row["id"], flow: row["flow"], webhookID: row["webhook_id"],
            event: try JSONParser.parse(eventText), status: RunStatus(rawValue: row["status"]) ?? .failed,
            stepIndex: row["step_index"], attempt: row["attempt"], nextAt: row["next_at"],
            outputs: (try JSONParser.parse(outputsText)).objectValue ?? JSONObject(), error: row["error"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], leaseOwner: row["lease_owner"], leaseUntil: row["lease_until"])
        record.storedText = StoredText(text: eventText)
        return record
    }
}

/// The store's hottest statements (ingest, a delivery's attempt and save), bound directly.
final class HotStatements: Sendable {
    let insertRun = DirectStatement(sql: """
        INSERT INTO runs (id, flow, webhook_id, event, status, step_index, attempt, next_at, outputs, created_at, updated_at,
                          lease_owner, lease_until)
        VALUES (?, ?, ?, ?, ?, 0, 0, ?, '{}', ?, ?, ?, ?)
        ON CONFLICT (flow, webhook_id) WHERE webhook_id IS NOT NULL DO NOTHING
        """)
    let insertAttempt = DirectStatement(sql: """
        INSERT INTO attempts (run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let updateRun = DirectStatement(sql: """
        UPDATE runs SET event = ?, status = ?, step_index = ?, attempt = ?, next_at = ?, outputs = ?, error = ?, updated_at = ?,
            lease_owner = ?, lease_until = ?
        WHERE id = ? AND lease_owner = ? AND status = 'running'
        """)
}
