import GRDB

/// Counting runs by status and deleting finished runs past their retention.
extension SQLiteRunStore {
    /// Ranges of the `runs_due (status, next_at)` index, one per status.
    public func countsByStatus(_ statuses: [RunStatus]) async throws -> [RunStatus: Int] {
        guard !statuses.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: statuses.count).joined(separator: ", ")
        return try await pool.read { db in
            var counts: [RunStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM runs WHERE status IN (\(placeholders)) GROUP BY status",
                                        arguments: StatementArguments(statuses.map(\.rawValue))) {
                if let status = RunStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// The runs come from the `runs_due (status, next_at)` index: a finished run's `next_at` is
    /// when it finished (its last save). Attempts go first: they reference their run.
    public func pruneFinished(_ status: RunStatus, lastAttemptBefore cutoff: Double, limit: Int) async throws -> Int {
        guard !status.isPending, limit > 0 else { return 0 }
        return try await writes.write { db in
            let ids = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM runs WHERE status = ? AND next_at < ? ORDER BY next_at LIMIT ?"),
                                          arguments: [status.rawValue, cutoff, limit])
            let attempts = try db.cachedStatement(sql: "DELETE FROM attempts WHERE run_id = ?")
            let runs = try db.cachedStatement(sql: "DELETE FROM runs WHERE id = ?")
            for id in ids {
                try attempts.execute(arguments: [id])
                try runs.execute(arguments: [id])
            }
            return ids.count
        }
    }
}
