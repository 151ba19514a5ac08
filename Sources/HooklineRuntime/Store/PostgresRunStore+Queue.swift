import ConnectorKit
import Foundation
import PostgresNIO

/// Leases and progress: the part of the store the delivery workers use.
extension PostgresRunStore {
    static let runColumns = """
        seq, id, flow, webhook_id, event, status, step_index, attempt, next_at, outputs, error, created_at, updated_at, lease_owner, lease_until
        """
    static let leasedColumns = runColumns.split(separator: ",").map { "runs." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .joined(separator: ", ")

    public func lease(owner: String, limit: Int, now: Double, until: Double) async throws -> [RunRecord] {
        let query: PostgresQuery = """
            WITH due AS (
                SELECT seq FROM runs
                WHERE (status IN ('queued', 'retrying') AND next_at <= \(now)) OR (status = 'running' AND lease_until < \(now))
                ORDER BY next_at, seq
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            UPDATE runs SET status = 'running', lease_owner = \(owner), lease_until = \(until), updated_at = \(now)
            FROM due WHERE runs.seq = due.seq
            RETURNING \(unescaped: Self.leasedColumns)
            """
        let rows = try await records(query, operation: "leasing runs")
        return rows.sorted { ($0.run.nextAt, $0.sequence) < ($1.run.nextAt, $1.sequence) }.map(\.run)
    }

    public func renewLease(_ id: String, owner: String, until: Double) async throws -> Bool {
        try await changedRows("""
            UPDATE runs SET lease_until = \(until) WHERE id = \(id) AND lease_owner = \(owner) AND status = 'running' RETURNING seq
            """, operation: "renewing a lease") == 1
    }

    public func recordAttempt(_ attempt: AttemptRecord) async throws {
        do {
            try await client.query("""
                INSERT INTO attempts (run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt)
                VALUES (\(attempt.runID), \(attempt.stepIndex), \(attempt.stepID), \(attempt.attempt), \(attempt.startedAt),
                        \(attempt.durationMilliseconds), \(attempt.outcome.rawValue), \(attempt.requests.serialized()), \(attempt.status),
                        \(attempt.error.map(PostgresText.storable)), \(attempt.responseExcerpt.map(PostgresText.storable)))
                """, logger: logger)
        } catch {
            throw PostgresStoreError("recording an attempt", error)
        }
    }

    public func update(_ run: RunRecord, owner: String, now: Double) async throws -> Bool {
        let keepsLease = run.status == .running
        let leaseOwner: String? = keepsLease ? owner : nil
        let leaseUntil: Double? = keepsLease ? run.leaseUntil : nil
        return try await changedRows("""
            UPDATE runs SET event = \(run.eventTextToStore), status = \(run.status.rawValue), step_index = \(run.stepIndex),
                attempt = \(run.attempt), next_at = \(run.nextAt), outputs = \(JSONValue.object(run.outputs).serialized()),
                error = \(run.error.map(PostgresText.storable)), updated_at = \(now), lease_owner = \(leaseOwner), lease_until = \(leaseUntil)
            WHERE id = \(run.id) AND lease_owner = \(owner) AND status = 'running'
            RETURNING seq
            """, operation: "saving a run") == 1
    }

    /// One statement (the attempt's INSERT in a `WITH`, then the run's UPDATE): one round trip and
    /// one commit instead of two. The attempt is kept even when the lease was lost.
    public func recordAttempt(_ attempt: AttemptRecord, andUpdate run: RunRecord, owner: String, now: Double) async throws -> Bool {
        let keepsLease = run.status == .running
        let leaseOwner: String? = keepsLease ? owner : nil
        let leaseUntil: Double? = keepsLease ? run.leaseUntil : nil
        return try await changedRows("""
            WITH attempt AS (
                INSERT INTO attempts (run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt)
                VALUES (\(attempt.runID), \(attempt.stepIndex), \(attempt.stepID), \(attempt.attempt), \(attempt.startedAt),
                        \(attempt.durationMilliseconds), \(attempt.outcome.rawValue), \(attempt.requests.serialized()), \(attempt.status),
                        \(attempt.error.map(PostgresText.storable)), \(attempt.responseExcerpt.map(PostgresText.storable))))
            UPDATE runs SET event = \(run.eventTextToStore), status = \(run.status.rawValue), step_index = \(run.stepIndex),
                attempt = \(run.attempt), next_at = \(run.nextAt), outputs = \(JSONValue.object(run.outputs).serialized()),
                error = \(run.error.map(PostgresText.storable)), updated_at = \(now), lease_owner = \(leaseOwner), lease_until = \(leaseUntil)
            WHERE id = \(run.id) AND lease_owner = \(owner) AND status = 'running'
            RETURNING seq
            """, operation: "saving an attempt and its run") == 1
    }

    public func release(owner: String, now: Double) async throws -> Int {
        try await changedRows("""
            UPDATE runs SET status = 'queued', lease_owner = NULL, lease_until = NULL, updated_at = \(now)
            WHERE lease_owner = \(owner) AND status = 'running'
            RETURNING seq, pg_notify(\(Self.channel), '')
            """, operation: "releasing leases")
    }

    /// Runs `query` (an UPDATE ... RETURNING) and counts the rows it changed.
    func changedRows(_ query: PostgresQuery, operation: String) async throws -> Int {
        do {
            var count = 0
            for try await _ in try await client.query(query, logger: logger) { count += 1 }
            return count
        } catch {
            throw PostgresStoreError(operation, error)
        }
    }

    /// Runs `query`, which selects ``runColumns``, and decodes its rows.
    func records(_ query: PostgresQuery, operation: String) async throws -> [(sequence: Int64, run: RunRecord)] {
        var result: [(sequence: Int64, run: RunRecord)] = []
        do {
            for try await row in try await client.query(query, logger: logger) {
                result.append(try Self.record(row))
            }
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError(operation, error)
        }
        return result
    }

    static func record(_ row: PostgresRow) throws -> (sequence: Int64, run: RunRecord) {
        let (seq, id, flow, webhookID, event, status, stepIndex, attempt, nextAt, outputs, error, createdAt, updatedAt, leaseOwner, leaseUntil) =
            try row.decode((Int64, String, String, String?, String, String, Int, Int, Double, String, String?, Double, Double, String?, Double?).self)
        var run = RunRecord(
            id: id, flow: flow, webhookID: webhookID, event: try JSONParser.parse(event), status: RunStatus(rawValue: status) ?? .failed,
            stepIndex: stepIndex, attempt: attempt, nextAt: nextAt, outputs: (try JSONParser.parse(outputs)).objectValue ?? JSONObject(),
            error: error, createdAt: createdAt, updatedAt: updatedAt, leaseOwner: leaseOwner, leaseUntil: leaseUntil)
        run.storedText = StoredText(text: event)
        return (seq, run)
    }
}
