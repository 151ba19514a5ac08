import Logging
import PostgresNIO

/// The PostgreSQL schema, as numbered migrations (never edit a shipped one: add the next).
///
/// Applied versions are kept in `hookline_migrations`. Migrating holds a session advisory lock,
/// so runners starting together wait for the first one instead of racing it.
enum PostgresSchema {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var sql: [String]
    }

    /// The advisory lock key: the bytes of "hookline" as a bigint.
    static let migrationLockKey: Int64 = 0x686F_6F6B_6C69_6E65

    static let migrations: [Migration] = [
        Migration(version: 1, name: "runs-and-attempts", sql: [
            """
            CREATE TABLE runs (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                flow TEXT NOT NULL,
                webhook_id TEXT,
                event TEXT NOT NULL,
                status TEXT NOT NULL,
                step_index INTEGER NOT NULL,
                attempt INTEGER NOT NULL,
                next_at DOUBLE PRECISION NOT NULL,
                outputs TEXT NOT NULL,
                error TEXT,
                created_at DOUBLE PRECISION NOT NULL,
                updated_at DOUBLE PRECISION NOT NULL,
                lease_owner TEXT,
                lease_until DOUBLE PRECISION,
                CONSTRAINT runs_flow_webhook_id UNIQUE (flow, webhook_id)
            )
            """,
            "CREATE INDEX runs_due ON runs (next_at, seq) WHERE status IN ('queued', 'retrying')",
            "CREATE INDEX runs_leased ON runs (lease_until) WHERE status = 'running'",
            "CREATE INDEX runs_flow ON runs (flow, seq)",
            "CREATE INDEX runs_status ON runs (status, seq)",
            "CREATE INDEX runs_updated ON runs (updated_at, seq)",
            """
            CREATE TABLE attempts (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_id TEXT NOT NULL REFERENCES runs (id),
                step_index INTEGER NOT NULL,
                step_id TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                duration_ms DOUBLE PRECISION NOT NULL,
                outcome TEXT NOT NULL,
                requests TEXT NOT NULL,
                status INTEGER,
                error TEXT,
                response_excerpt TEXT
            )
            """,
            "CREATE INDEX attempts_run ON attempts (run_id, seq)",
        ]),
        // Retention picks finished runs by age: without this, finding none due walked every
        // finished run older than the cutoff through runs_updated, each minute, in every runner.
        Migration(version: 2, name: "runs-finished-index", sql: [
            "CREATE INDEX runs_finished ON runs (status, updated_at, seq) WHERE status IN ('succeeded', 'failed')",
        ]),
    ]

    /// Applies every migration the database lacks, under the advisory lock.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_lock(\(migrationLockKey))", logger: logger)
        do {
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS hookline_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM hookline_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in migrations where !applied.contains(migration.version) {
                try await connection.withTransaction(logger: logger) { connection in
                    for statement in migration.sql {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO hookline_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                }
                logger.info("migrated the PostgreSQL store", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(migrationLockKey))", logger: logger)
            throw error
        }
        try await connection.query("SELECT pg_advisory_unlock(\(migrationLockKey))", logger: logger)
    }
}
