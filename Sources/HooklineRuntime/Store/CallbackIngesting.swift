/// A store that can take one ingest from a caller outside any task (a channel handler on its
/// event loop) and report the outcome through a callback, so a webhook goes from the event loop
/// to the store's writer and back without a turn on Swift's pool. ``SQLiteRunStore`` is one;
/// ``WebhookIngest`` runs other stores' async calls in a task instead.
protocol CallbackIngesting: RunStore {
    /// ``RunStore/ingest(_:now:)`` for one run; `completion` runs on the store's writer once the
    /// outcome is durable and must only hand it on.
    func ingest(_ run: NewRun, now: Double, completion: @escaping @Sendable (Result<IngestResult, any Error>) -> Void)
    /// ``RunStore/ingestLeased(_:now:owner:until:)``, reported the same way.
    func ingestLeased(_ run: NewRun, now: Double, owner: String, until: Double,
                      completion: @escaping @Sendable (Result<LeasedIngestResult, any Error>) -> Void)
}
