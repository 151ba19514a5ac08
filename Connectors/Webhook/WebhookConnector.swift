import ConnectorKit

/// A generic HTTP webhook with Iterable's journey-webhook semantics: templated URL and
/// headers, JSON or form body, Basic, OAuth 2.0 client credentials or custom-header auth.
public struct WebhookConnector: Connector {
    public let id = "webhook"
    public let summary = "Any HTTP endpoint, with Iterable journey-webhook semantics"
    public let connection = ConnectionSpec(auth: [.none, .basic, .bearer, .oauth2ClientCredentials], baseURL: "https://localhost")
    public var actions: [any Action] { [] }

    public init() {}
}
