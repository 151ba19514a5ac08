import ConnectorKit
import Foundation
import NIOConcurrencyHelpers
import PostgresNIO

/// The delivery workers' saves (``ProgressWriter``), many runs in one statement: one round trip
/// and one commit (one WAL flush) for the batch, where a statement per run cost PostgreSQL a
/// commit per delivered run.
extension PostgresRunStore {
    public func recordAttempts(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        // One UPDATE cannot change a row twice: a run saved twice in one batch goes the slow way.
        guard saves.count > 1, Set(saves.map(\.run.id)).count == saves.count else {
            return try await recordAttemptsInOrder(saves, owner: owner, now: now)
        }
        let saved: Set<String>
        do {
            saved = try await saveInOneStatement(saves, owner: owner, now: now)
        } catch let refused as BatchRefused {
            // The server refused the statement, so none of it was kept; one by one, a save it
            // refuses (an attempt for a run that is gone) fails alone and the others are kept.
            let count = batchFallbacks.withLockedValue { $0 += 1; return $0 }
            if count == 1 || count % 100 == 0 {
                logger.warning("a batch of saves was refused; saving them one by one",
                               metadata: ["runs": "\(saves.count)", "error": "\(refused.description)", "times": "\(count)"])
            }
            return try await recordAttemptsInOrder(saves, owner: owner, now: now)
        }
        return saves.map { saved.contains($0.run.id) }
    }

    /// The saves one after the other, in order (a run saved twice ends as its last save), each
    /// as ``recordAttempt(_:andUpdate:owner:now:)``; one the server refuses is `false` and the
    /// others are kept, as on SQLite. Other errors (the connection) are thrown.
    private func recordAttemptsInOrder(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> [Bool] {
        var results: [Bool] = []
        results.reserveCapacity(saves.count)
        for save in saves {
            do {
                results.append(try await recordAttempt(save.attempt, andUpdate: save.run, owner: owner, now: now))
            } catch let error as PostgresStoreError where error.refusedByServer {
                logger.warning("a run's save was refused; it is delivered again once its lease ends",
                               metadata: ["run": "\(save.run.id)", "error": "\(error.description)"])
                results.append(false)
            }
        }
        return results
    }

    /// The server refused the batch statement: nothing of it was kept.
    struct BatchRefused: Error, CustomStringConvertible {
        var description: String
    }

    /// The saves as JSON rows (`json_to_recordset`: one parameter, NULLs as they are): every
    /// attempt inserted, and each run updated where `owner` still holds its lease. Returns the ids
    /// of the runs updated. Throws ``BatchRefused`` when the server refused the statement.
    func saveInOneStatement(_ saves: [(attempt: AttemptRecord, run: RunRecord)], owner: String, now: Double) async throws -> Set<String> {
        func number(_ value: Double) -> JSONValue {
            // float8in reads these spellings, as the one-by-one path stores them.
            JSONNumber(value).map(JSONValue.number) ?? .string(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
        }
        func text(_ value: String?) -> JSONValue { value.map { .string(PostgresText.storable($0)) } ?? .null }
        let rows: [JSONValue] = saves.map { attempt, run in
            var row = JSONObject()
            row["attempt_run_id"] = .string(attempt.runID)
            row["step_index"] = .integer(Int64(attempt.stepIndex))
            row["step_id"] = text(attempt.stepID)
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
        } catch let error as PSQLError where error.serverInfo != nil {
            throw BatchRefused(description: PostgresErrors.describe(error))
        } catch {
            // The connection, not the statement: it may have been committed. Not tried again here
            // (the attempts would be recorded twice); the runs stay leased and are delivered again.
            throw PostgresStoreError("saving \(saves.count) runs", error)
        }
        return saved
    }
}

/// Text PostgreSQL can store: `text` cannot hold U+0000, which a target's response (an excerpt)
/// or an error message can carry; a save that kept it would be refused every time.
enum PostgresText {
    static func storable(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }
}
