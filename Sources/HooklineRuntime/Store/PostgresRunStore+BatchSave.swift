import ConnectorKit
import PostgresNIO

/// The delivery workers' saves (``ProgressWriter``), many runs in one statement: one round trip
/// and one commit (one WAL flush) for the batch, where a statement per run cost PostgreSQL a
/// commit per delivered run.
extension PostgresRunStore {
    public func recordAttempts(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        // One UPDATE cannot change a row twice: a run saved twice in one batch goes the slow way.
        guard saves.count > 1, Set(saves.map(\.run.id)).count == saves.count else {
            return try await recordAttemptsSeparately(saves, owner: owner, now: now)
        }
        let saved: Set<String>
        do {
            saved = try await saveInOneStatement(saves, owner: owner, now: now)
        } catch {
            // The statement is all or nothing; one by one, a save that fails (an attempt for a run
            // that is gone) fails alone and the others are kept.
            return try await recordAttemptsSeparately(saves, owner: owner, now: now)
        }
        return saves.map { saved.contains($0.run.id) }
    }

    /// The saves as JSON rows (`json_to_recordset`: one parameter, NULLs as they are): every
    /// attempt inserted, and each run updated where `owner` still holds its lease. Returns the ids
    /// of the runs updated.
    func saveInOneStatement(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> Set<String> {
        func number(_ value: Double) -> JSONValue { JSONNumber(value).map(JSONValue.number) ?? .null }
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let rows: [JSONValue] = saves.map { attempt, run in
            var row = JSONObject()
            row["attempt_run_id"] = .string(attempt.runID)
            row["step_index"] = .integer(Int64(attempt.stepIndex))
            row["step_id"] = .string(attempt.stepID)
            row["attempt"] = .integer(Int64(attempt.attempt))
            row["started_at"] = number(attempt.startedAt)
            row["duration_ms"] = number(attempt.durationMilliseconds)
            row["outcome"] = .string(attempt.outcome.rawValue)
            row["requests"] = .string(attempt.requests.serialized())
            row["status"] = attempt.status.map { .integer(Int64($0)) } ?? .null
            row["error"] = text(attempt.error)
            row["response_excerpt"] = text(attempt.responseExcerpt)
            row["run_id"] = .string(run.id)
            row["run_event"] = .string(run.eventTextToStore)
            row["run_status"] = .string(run.status.rawValue)
            row["run_step_index"] = .integer(Int64(run.stepIndex))
            row["run_attempt"] = .integer(Int64(run.attempt))
            row["run_next_at"] = number(run.nextAt)
            row["run_outputs"] = .string(JSONValue.object(run.outputs).serialized())
            row["run_error"] = text(run.error)
            row["run_lease_until"] = run.leaseUntil.map(number) ?? .null
            return .object(row)
        }
        let query: PostgresQuery = """
            WITH input AS (
                SELECT * FROM json_to_recordset(\(JSONValue.array(rows).serialized())::json) AS i(
                    attempt_run_id text, step_index integer, step_id text, attempt integer, started_at double precision,
                    duration_ms double precision, outcome text, requests text, status integer, error text, response_excerpt text,
                    run_id text, run_event text, run_status text, run_step_index integer, run_attempt integer,
                    run_next_at double precision, run_outputs text, run_error text, run_lease_until double precision)
            ), attempt AS (
                INSERT INTO attempts (run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt)
                SELECT attempt_run_id, step_index, step_id, attempt, started_at, duration_ms, outcome, requests, status, error, response_excerpt
                FROM input
            )
            UPDATE runs SET event = i.run_event, status = i.run_status, step_index = i.run_step_index, attempt = i.run_attempt,
                next_at = i.run_next_at, outputs = i.run_outputs, error = i.run_error, updated_at = \(now),
                lease_owner = CASE WHEN i.run_status = 'running' THEN \(owner) END,
                lease_until = CASE WHEN i.run_status = 'running' THEN i.run_lease_until END
            FROM input i
            WHERE runs.id = i.run_id AND runs.lease_owner = \(owner) AND runs.status = 'running'
            RETURNING runs.id
            """
        var saved: Set<String> = []
        do {
            for try await id in try await client.query(query, logger: logger).decode(String.self) { saved.insert(id) }
        } catch {
            throw PostgresStoreError("saving \(saves.count) runs", error)
        }
        return saved
    }
}
