import ConnectorKit

/// Iterable: its system and journey webhooks as triggers; users, events, lists, channels,
/// SMS, subscriptions and journeys as actions. `Api-Key` header; US or EU data center.
public struct IterableConnector: Connector {
    public let id = "iterable"
    public let summary = "Iterable's API (users, events, lists, SMS, journeys) and its webhooks"
    public let connection = ConnectionSpec(
        auth: [.apiKeyHeader(name: "Api-Key")],
        baseURL: "https://api.iterable.com",
        regions: ["us": "https://api.iterable.com", "eu": "https://api.eu.iterable.com"],
        test: ConnectionTest(.get, "api/channels")
    )
    public var triggers: [any Trigger] { [SystemWebhook(), JourneyWebhook()] }
    public var actions: [any Action] {
        [
            UpsertUser(), bulkLimits.map(BulkUpsertUsers.init) ?? BulkUpsertUsers(), GetUserByEmail(), GetUserByUserID(), TrackEvent(),
            bulkLimits.map(TrackEventsBulk.init) ?? TrackEventsBulk(),
            AddSubscribersToList(), RemoveFromList(), CreateList(), ListLists(), ListChannels(), SendSMS(),
            UpdateSubscriptions(), TriggerJourney(),
        ]
    }

    /// How `bulk_upsert_users` and `track_events_bulk` split their items into requests; `nil`
    /// for their defaults (``BulkUpsertUsers/maxUsersPerRequest``, ``BulkUpsertUsers/maxBodyBytes``).
    public let bulkLimits: Batching?

    /// The connector; `bulkLimits` overrides the bulk actions' limits (projects Iterable gave
    /// other limits, tests).
    public init(bulkLimits: Batching? = nil) {
        self.bulkLimits = bulkLimits
    }
}
