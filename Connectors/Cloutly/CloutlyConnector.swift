import ConnectorKit

/// Cloutly review invites: the Iterable automation callback and the REST v1 API, with the
/// `x-api-key` header.
public struct CloutlyConnector: Connector {
    public let id = "cloutly"
    public let summary = "Cloutly review automations and review invites"
    public let connection = ConnectionSpec(auth: [.apiKeyHeader(name: "x-api-key")], baseURL: "https://app.cloutly.com")
    public var actions: [any Action] { [] }

    public init() {}
}
