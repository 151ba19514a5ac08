import PostgresNIO

/// LISTEN/NOTIFY: ingest, replay and release in any process wake every runner's idle workers.
extension PostgresRunStore {
    /// Listens on the store's channel on a dedicated connection and calls `wake` once when
    /// listening starts (work may have arrived unheard) and for every notification after.
    /// Reconnects after a lost connection; returns when the calling task is cancelled.
    public func watchForWork(_ wake: @escaping @Sendable () async -> Void) async {
        var failures = 0
        while !Task.isCancelled {
            var failure: (any Error)?
            do {
                let connection = try await PostgresConnection.connect(configuration: try PostgresConnector.connectionConfiguration(location),
                                                                      id: 1, logger: logger)
                do {
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: Self.channel) { notifications in
                            failures = 0
                            await wake()
                            for try await _ in notifications { await wake() }
                        }
                    } onCancel: {
                        connection.close().whenComplete { _ in }
                    }
                } catch {
                    failure = error
                }
                // A connection must be closed before it goes away.
                try? await connection.close()
            } catch {
                failure = error
            }
            if Task.isCancelled { return }
            if let failure {
                failures += 1
                if failures == 1 || failures % 30 == 0 {
                    logger.warning("listening for new runs failed; workers poll until it reconnects",
                                   metadata: ["store": "\(location)", "error": "\(PostgresErrors.describe(failure))"])
                }
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
