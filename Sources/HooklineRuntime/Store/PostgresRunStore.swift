import ConnectorKit
import Logging
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
        committer = GroupCommitter { runs in try await PostgresRunStore.insert(runs, client: client, logger: logger) }
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
        if runs.count == 1 { return [try await committer.submit(runs[0])] }
        return try await Self.insert(runs, client: client, logger: logger)
    }

    /// One multi-row INSERT for `runs` (one round trip, one commit), which also NOTIFYs the
    /// listeners; then the existing ids of the duplicates.
    static func insert(_ runs: [NewRun], client: PostgresClient, logger: Logger) async throws -> [IngestResult] {
        guard !runs.isEmpty else { return [] }
        let now = WallClock.now
        var binds = PostgresBindings(capacity: runs.count * 4 + 2)
        binds.append(now)
        binds.append(channel)
        var values: [String] = []
        values.reserveCapacity(runs.count)
        var ids: [String] = []
        ids.reserveCapacity(runs.count)
        for (index, run) in runs.enumerated() {
            let id = RunID.make()
            ids.append(id)
            let first = 3 + index * 4
            values.append("($\(first), $\(first + 1), $\(first + 2), $\(first + 3), 'queued', 0, 0, $1, '{}', $1, $1)")
            binds.append(id)
            binds.append(run.flow)
            binds.append(run.webhookID)
            binds.append(run.storedEventText)
        }
        let sql = """
            INSERT INTO runs (id, flow, webhook_id, event, status, step_index, attempt, next_at, outputs, created_at, updated_at)
            VALUES \(values.joined(separator: ", "))
            ON CONFLICT ON CONSTRAINT runs_flow_webhook_id DO NOTHING
            RETURNING id, pg_notify($2, '')
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
