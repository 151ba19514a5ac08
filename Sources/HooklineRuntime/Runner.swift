import ConnectorKit
import Hummingbird
import HooklineHTTP
import Logging
import ServiceLifecycle
import UnixSignals

/// `hookline run`: the webhook server and the delivery workers over one store, shut down
/// gracefully on SIGTERM/SIGINT (stop accepting, finish the steps in flight, release leases).
public enum Runner {
    /// Opens the store `location` names: `sqlite:PATH`, or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
    /// (connecting and migrating; the error names the server, never the password).
    public static func openStore(_ location: String) async throws -> any RunStore {
        switch StoreLocation(location) {
        case .sqlite(let path)?:
            return try SQLiteRunStore(path: path)
        case .postgres(let url)?:
            return try await PostgresRunStore.open(try PostgresLocation(url: url))
        case nil:
            throw RunnerError("store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE, found '\(PostgresLocation.redact(location))'")
        }
    }

    /// Serves until SIGTERM/SIGINT. `onListening` gets the bound address (port 0 picks one).
    /// Without a `transport`, deliveries go through an ``HTTP1Transport`` of the runner's own that
    /// keeps as many idle connections per host as there are workers (closed when the runner stops).
    public static func run(config: RunnerConfig, store: any RunStore, listen: ListenAddress, transport: (any HTTPTransport)? = nil,
                           logger: Logger, onListening: @escaping @Sendable (ListenAddress) -> Void = { _ in }) async throws {
        guard let transport else {
            try await HTTP1Transport.withTransport(maxIdleConnectionsPerHost: max(1, config.settings.workers)) { transport in
                try await run(config: config, store: store, listen: listen, transport: transport, logger: logger, onListening: onListening)
            }
            return
        }
        let metrics = RunnerMetrics()
        let signal = WorkSignal()
        let owner = "\(ProcessIdentity.hostname)/\(ProcessIdentity.pid)/\(RunID.make().suffix(6))"
        let delivery = DeliveryService(config: config, store: store, transport: transport, signal: signal, metrics: metrics,
                                       logger: logger, owner: owner)
        // An ingest-only runner (no workers) has no one to hand runs to.
        let ingest = WebhookIngest(config: config, store: store, signal: signal, metrics: metrics,
                                   handoff: config.settings.workers > 0 ? delivery.handoff : nil)
        let serverName = "hookline"
        let app = Application(
            responder: RunnerServer.responder(config: config, store: store, ingest: ingest, metrics: metrics, signal: signal),
            // Webhooks are answered on the event loops, ahead of Hummingbird (WebhookChannelHandler).
            server: .http1(configuration: .init(additionalChannelHandlers: [
                RunnerServer.webhookHandler(ingest: ingest, maxBody: config.settings.maxBodyBytes, serverName: serverName),
            ])),
            configuration: ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: serverName),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                onListening(ListenAddress("\(listen.host.contains(":") ? "[\(listen.host)]" : listen.host):\(port)") ?? listen)
            },
            logger: logger
        )
        let retention = RetentionService(policy: config.settings.retention, store: store, metrics: metrics, logger: logger)
        // Services shut down last-first: pruning stops, then the server stops accepting before
        // delivery winds down.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: delivery), .init(service: app), .init(service: retention)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}

/// A runner problem for the operator (bad store location, ...).
public struct RunnerError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
