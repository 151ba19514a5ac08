import GRDB

/// The SQLite schema, as numbered migrations (never edit a shipped one: add the next).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-runs-and-attempts") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    flow TEXT NOT NULL,
                    webhook_id TEXT,
                    event TEXT NOT NULL,
                    status TEXT NOT NULL,
                    step_index INTEGER NOT NULL,
                    attempt INTEGER NOT NULL,
                    next_at REAL NOT NULL,
                    outputs TEXT NOT NULL,
                    error TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    lease_owner TEXT,
                    lease_until REAL
                );
                CREATE UNIQUE INDEX runs_webhook_id ON runs (flow, webhook_id) WHERE webhook_id IS NOT NULL;
                CREATE INDEX runs_due ON runs (status, next_at);
                CREATE INDEX runs_flow ON runs (flow, seq);
                CREATE TABLE attempts (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES runs (id),
                    step_index INTEGER NOT NULL,
                    step_id TEXT NOT NULL,
                    attempt INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    duration_ms REAL NOT NULL,
                    outcome TEXT NOT NULL,
                    requests TEXT NOT NULL,
                    status INTEGER,
                    error TEXT,
                    response_excerpt TEXT
                );
                CREATE INDEX attempts_run ON attempts (run_id, seq);
                """)
        }
        return migrator
    }
}
