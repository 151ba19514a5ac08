import ConnectorKit

/// Cloutly review invites: the Iterable automation callback and the REST v1 API, with the
/// `x-api-key` header. Listing the businesses tests a connection.
public struct CloutlyConnector: Connector {
    public let id = "cloutly"
    public let summary = "Cloutly review automations and review invites"
    public let connection = ConnectionSpec(auth: [.apiKeyHeader(name: "x-api-key")], baseURL: "https://app.cloutly.com",
                                           test: ConnectionTest(.get, "api/v1/businesses"))
    public var actions: [any Action] { [AddContactToReviewAutomation(), SendReviewInvite(), ListBusinesses()] }

    public init() {}
}
