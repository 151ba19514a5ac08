/// The `server` and `delivery` sections of a config, with their defaults.
public struct RunnerSettings: Sendable, Hashable {
    /// `host:port` the webhook server listens on.
    public var listen: String = "127.0.0.1:8080"
    /// The largest webhook body accepted (413 beyond).
    public var maxBodyBytes: Int = 1 << 20
    /// Bearer token for `/api/*`; without one the operator API is off.
    public var adminToken: String?
    /// `sqlite:PATH` (default `sqlite:hookline.sqlite`) or a `postgres://` URL.
    public var store: String = "sqlite:hookline.sqlite"
    /// Runs delivered at once by one process; 0: this process only ingests (other runners on the
    /// same PostgreSQL store deliver).
    public var workers: Int = 16
    /// How long a worker owns a leased run before another process may take it.
    public var leaseSeconds: Double = 120
    /// How often idle workers look for due runs (they are also woken by ingest).
    public var pollSeconds: Double = 1
    /// How long finished runs are kept.
    public var retention = RetentionPolicy()

    public init() {}
}
