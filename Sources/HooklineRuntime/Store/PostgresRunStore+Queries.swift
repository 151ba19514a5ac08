import ConnectorKit
import PostgresNIO

/// Reading the run log, replay and counts: the part of the store `logs`, `replay` and `/api` use.
extension PostgresRunStore {
    public func runs(_ filter: RunFilter) async throws -> [(sequence: Int64, run: RunRecord)] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func parameter() -> String { "$\(binds.count)" }
        if let flow = filter.flow { binds.append(flow); conditions.append("flow = \(parameter())") }
        if let status = filter.status { binds.append(status.rawValue); conditions.append("status = \(parameter())") }
        if let after = filter.after { binds.append(after); conditions.append("seq > \(parameter())") }
        if let since = filter.updatedSince { binds.append(since); conditions.append("updated_at >= \(parameter())") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = filter.updatedSince != nil ? "updated_at ASC, seq ASC" : filter.after == nil ? "seq DESC" : "seq ASC"
        binds.append(filter.limit)
        let sql = "SELECT \(Self.runColumns) FROM runs \(whereClause) ORDER BY \(order) LIMIT \(parameter())"
        return try await records(PostgresQuery(unsafeSQL: sql, binds: binds), operation: "listing runs")
    }

    public func run(_ id: String) async throws -> RunRecord? {
        try await records("SELECT \(unescaped: Self.runColumns) FROM runs WHERE id = \(id)", operation: "reading a run").first?.run
    }

    public func attempts(_ id: String) async throws -> [AttemptRecord] {
        var result: [AttemptRecord] = []
        do {
            let rows = try await client.query("""
                SELECT run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt
                FROM attempts WHERE run_id = \(id) ORDER BY seq
                """, logger: logger)
            for try await (runID, stepIndex, stepID, attempt, startedAt, duration, outcome, requests, status, error, excerpt) in
                rows.decode((String, Int, String, Int, Double, Double, String, String, Int?, String?, String?).self) {
                result.append(AttemptRecord(
                    runID: runID, stepIndex: stepIndex, stepID: stepID, attempt: attempt, startedAt: startedAt, durationMilliseconds: duration,
                    outcome: AttemptRecord.Outcome(rawValue: outcome) ?? .failed, requests: (try? JSONParser.parse(requests)) ?? .array([]),
                    status: status, error: error, responseExcerpt: excerpt))
            }
        } catch {
            throw PostgresStoreError("reading attempts", error)
        }
        return result
    }

    public func replay(id: String?, flow: String?, now: Double) async throws -> [String] {
        var binds = PostgresBindings()
        binds.append(now)
        binds.append(Self.channel)
        var conditions = ["status = 'failed'"]
        if let id { binds.append(id); conditions.append("id = $\(binds.count)") }
        if let flow { binds.append(flow); conditions.append("flow = $\(binds.count)") }
        let sql = """
            UPDATE runs SET status = 'queued', attempt = 0, next_at = $1, error = NULL, updated_at = $1
            WHERE \(conditions.joined(separator: " AND ")) RETURNING id, pg_notify($2, '')
            """
        var ids: [String] = []
        do {
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
                ids.append(try row.makeRandomAccess()[0].decode(String.self))
            }
        } catch {
            throw PostgresStoreError("replaying runs", error)
        }
        return ids
    }

    /// From the `runs_status (status, seq)` index, one range per status.
    public func countsByStatus(_ statuses: [RunStatus]) async throws -> [RunStatus: Int] {
        guard !statuses.isEmpty else { return [:] }
        let names = statuses.map(\.rawValue)
        var counts: [RunStatus: Int] = [:]
        do {
            for try await (status, count) in try await client.query(
                "SELECT status, COUNT(*) FROM runs WHERE status = ANY(\(names)) GROUP BY status", logger: logger)
                .decode((String, Int).self) {
                if let status = RunStatus(rawValue: status) { counts[status] = count }
            }
        } catch {
            throw PostgresStoreError("counting runs", error)
        }
        return counts
    }

    /// One statement: the runs picked (`runs_finished (status, updated_at, seq)`; a finished
    /// run's `updated_at` is when its last attempt was saved) and locked, skipping rows another
    /// runner is pruning; their attempts deleted in a `WITH`, then the runs.
    public func pruneFinished(_ status: RunStatus, lastAttemptBefore cutoff: Double, limit: Int) async throws -> Int {
        guard !status.isPending, limit > 0 else { return 0 }
        return try await changedRows("""
            WITH doomed AS (
                SELECT id FROM runs WHERE status = \(status.rawValue) AND updated_at < \(cutoff)
                ORDER BY updated_at, seq LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), gone AS (
                DELETE FROM attempts WHERE run_id IN (SELECT id FROM doomed)
            )
            DELETE FROM runs WHERE id IN (SELECT id FROM doomed) RETURNING seq
            """, operation: "deleting finished runs past their retention")
    }
}
