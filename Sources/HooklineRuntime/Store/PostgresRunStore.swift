import ConnectorKit
import Logging
import NIOConcurrencyHelpers
import PostgresNIO

/// The scale-out store: several `hookline run` processes share one queue in PostgreSQL.
///
/// Runs are leased with `SELECT ... FOR UPDATE SKIP LOCKED`, so concurrent leasers never get the
/// same run; a run whose lease ran out (its process died) is leased again. Ingest is idempotent
/// through the unique (flow, webhook_id) constraint, concurrent ingests share one multi-row
/// INSERT (group commit), and ingest, replay and release `NOTIFY` the other processes'
/// idle workers (``watchForWork(_:)``). Times are the callers' Unix seconds, as in SQLite.
public final class PostgresRunStore: RunStore {
    /// The NOTIFY channel that says "there may be due runs".
    static let channel = "hookline_work"

    /// Where the store is (without the password).
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    private let clientTask: Task<Void, Never>
    /// Batches of saves the server refused and that were saved one by one (for tests and logs).
    let batchFallbacks = NIOLockedValueBox(0)
    private let committer: GroupCommitter

    /// Connects to `location`, creating and migrating the schema (under an advisory lock) if
    /// needed. Fails with a clear error if the server cannot be reached or refuses the login.
    public static func open(_ location: PostgresLocation, maximumConnections: Int = 12) async throws -> PostgresRunStore {
        let logger = Self.makeLogger()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try PostgresConnector.connectionConfiguration(location),
                                                              id: 0, logger: logger)
        } catch {
            throw PostgresErrors.openFailure(error, location: location)
        }
        do {
            try await PostgresSchema.migrate(connection, logger: logger)
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresErrors.openFailure(error, location: location)
        }
        return try PostgresRunStore(location: location, maximumConnections: maximumConnections, logger: logger)
    }

    private init(location: PostgresLocation, maximumConnections: Int, logger: Logger) throws {
        self.location = location
        self.logger = logger
        // The pool's own messages (a query racing `run()` at start, reconnects) are not the operator's business.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let client = PostgresClient(configuration: try PostgresConnector.clientConfiguration(location, maximumConnections: maximumConnections),
                                    backgroundLogger: poolLogger)
        self.client = client
        clientTask = Task { await client.run() }
        committer = GroupCommitter { entries, stamp in try await PostgresRunStore.insert(entries, now: stamp, client: client, logger: logger) }
    }

    /// Closes the store's connections; the store cannot be used afterwards.
    public func close() async {
        clientTask.cancel()
        await clientTask.value
    }

    /// Commits made by ingest and the runs they carried (round trips per event = commits / runs).
    public func commitStatistics() async -> (commits: Int, runs: Int) {
        (await committer.commits, await committer.committedRuns)
    }

    /// PostgresNIO logs queries with their bound values (event data) at debug level: keep it quiet.
    private static func makeLogger() -> Logger {
        var logger = Logger(label: "hookline.postgres")
        logger.logLevel = .warning
        return logger
    }

    // MARK: Ingest

    public func ingest(_ runs: [NewRun], now: Double) async throws -> [IngestResult] {
        if runs.count == 1 { return [try await committer.submit(GroupCommitter.Entry(run: runs[0])).0] }
        // PostgreSQL takes at most 65,535 parameters a statement: 7 a run.
        var results: [IngestResult] = []
        for start in stride(from: 0, to: runs.count, by: 4096) {
            let chunk = runs[start..<min(start + 4096, runs.count)].map { GroupCommitter.Entry(run: $0) }
            results += try await Self.insert(chunk, now: WallClock.now, client: client, logger: logger)
        }
        return results
    }

    /// Stores the run leased to `owner` in the next group commit (no notification: no other
    /// runner is to lease it) and returns it as leased, or says it was a duplicate.
    public func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double) async throws -> LeasedIngestResult {
        let (result, stamp) = try await committer.submit(GroupCommitter.Entry(run: run, lease: (owner, until)))
        guard case .accepted(let id) = result else { return .stored(result) }
        return .leased(RunRecord(leasedOnIngest: run, id: id, text: run.storedEventText, stamp: stamp, owner: owner, until: until))
    }

    /// One multi-row INSERT for `entries` at `now` (one round trip, one commit), which also
    /// NOTIFYs the listeners of the queued ones; then the existing ids of the duplicates.
    static func insert(_ entries: [GroupCommitter.Entry], now: Double, client: PostgresClient, logger: Logger) async throws -> [IngestResult] {
        guard !entries.isEmpty else { return [] }
        let runs = entries.map(\.run)
        var binds = PostgresBindings(capacity: entries.count * 7 + 2)
        binds.append(now)
        binds.append(channel)
        var values: [String] = []
        values.reserveCapacity(entries.count)
        var ids: [String] = []
        ids.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            let id = RunID.make(now: now)
            ids.append(id)
            let first = 3 + index * 7
            values.append("($\(first), $\(first + 1), $\(first + 2), $\(first + 3), $\(first + 4), 0, 0, $1, '{}', $1, $1, $\(first + 5), $\(first + 6))")
            binds.append(id)
            binds.append(entry.run.flow)
            binds.append(entry.run.webhookID)
            binds.append(entry.run.storedEventText)
            binds.append(entry.lease == nil ? RunStatus.queued.rawValue : RunStatus.running.rawValue)
            binds.append(entry.lease?.owner)
            binds.append(entry.lease?.until)
        }
        let sql = """
            INSERT INTO runs (id, flow, webhook_id, event, status, step_index, attempt, next_at, outputs, created_at, updated_at,
                              lease_owner, lease_until)
            VALUES \(values.joined(separator: ", "))
            ON CONFLICT ON CONSTRAINT runs_flow_webhook_id DO NOTHING
            RETURNING id, CASE WHEN lease_owner IS NULL THEN pg_notify($2, '') END
            """
        var inserted: Set<String> = []
        do {
            for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
                inserted.insert(try row.makeRandomAccess()[0].decode(String.self))
            }
        } catch {
            throw PostgresStoreError("storing \(runs.count) run(s)", error)
        }
        var results: [IngestResult] = []
        results.reserveCapacity(runs.count)
        var duplicates: [(index: Int, flow: String, webhookID: String)] = []
        for (index, run) in runs.enumerated() {
            if inserted.contains(ids[index]) {
                results.append(.accepted(runID: ids[index]))
            } else {
                // Only a (flow, webhook_id) conflict skips a row, so a skipped run has a webhook id.
                duplicates.append((index, run.flow, run.webhookID ?? ""))
                results.append(.duplicate(runID: ids[index]))
            }
        }
        if !duplicates.isEmpty {
            let existing = try await existingIDs(duplicates.map { ($0.flow, $0.webhookID) }, client: client, logger: logger)
            for duplicate in duplicates {
                guard let id = existing[Key(flow: duplicate.flow, webhookID: duplicate.webhookID)] else {
                    throw PostgresStoreError("storing a duplicate webhook", RunnerError("the first run of a duplicate was not found"))
                }
                results[duplicate.index] = .duplicate(runID: id)
            }
        }
        return results
    }

    private struct Key: Hashable {
        var flow: String
        var webhookID: String
    }

    private static func existingIDs(_ keys: [(flow: String, webhookID: String)], client: PostgresClient, logger: Logger) async throws -> [Key: String] {
        var binds = PostgresBindings(capacity: keys.count * 2)
        var pairs: [String] = []
        for (index, key) in keys.enumerated() {
            pairs.append("($\(index * 2 + 1), $\(index * 2 + 2))")
            binds.append(key.flow)
            binds.append(key.webhookID)
        }
        let sql = "SELECT flow, webhook_id, id FROM runs WHERE (flow, webhook_id) IN (\(pairs.joined(separator: ", ")))"
        var found: [Key: String] = [:]
        do {
            for try await (flow, webhookID, id) in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
                .decode((String, String, String).self) {
                found[Key(flow: flow, webhookID: webhookID)] = id
            }
        } catch {
            throw PostgresStoreError("looking up duplicate webhooks", error)
        }
        return found
    }
}
