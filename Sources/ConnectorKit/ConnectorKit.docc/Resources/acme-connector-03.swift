import ConnectorKit

/// Acme CRM: contacts and their deals, behind an API key sent in the `X-Acme-Key` header.
public struct AcmeConnector: Connector {
    public let id = "acme"
    public let summary = "Acme CRM contacts"
    public let connection = ConnectionSpec(
        auth: [.apiKeyHeader(name: "X-Acme-Key")],
        baseURL: "https://api.acme-crm.example",
        regions: ["eu": "https://api.eu.acme-crm.example"],
        test: ConnectionTest(.get, "v2/me")
    )
    public var actions: [any Action] { [UpsertContact()] }

    public init() {}
}
