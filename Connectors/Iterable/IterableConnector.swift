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
    public var triggers: [any Trigger] { [] }
    public var actions: [any Action] { [] }

    public init() {}
}
