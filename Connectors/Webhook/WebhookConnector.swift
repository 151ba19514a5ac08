import ConnectorKit

/// A generic HTTP webhook with Iterable's journey-webhook semantics: any method, a JSON or
/// form body, Basic, Bearer or OAuth 2.0 client-credentials auth and custom headers, and a GET
/// "profile" mode that merges the endpoint's answer into the event for later steps.
///
/// Where requests go is fixed by the connection: its `baseURL` (scheme, host and an optional
/// base path) is required, and a step's `url` may fill only the path and query below it unless
/// the step sets `allowAnyHost`, so a crafted event cannot aim the runner at internal addresses.
///
/// ```json
/// {"auth": "oauth2-client-credentials", "baseURL": "https://hooks.example.com/v1",
///  "clientId": "${CLIENT_ID}", "clientSecret": "${CLIENT_SECRET}",
///  "tokenURL": "https://auth.example.com/oauth/token", "headers": {"X-Team": "growth"}}
/// ```
public struct WebhookConnector: Connector {
    public let id = "webhook"
    public let summary = "Any HTTP endpoint, with Iterable journey-webhook semantics"
    /// `https://example.invalid` (a reserved name that never resolves) is only a placeholder:
    /// the spec requires every connection to give its own `baseURL`.
    public let connection = ConnectionSpec(auth: [.none, .basic, .bearer, .oauth2ClientCredentials],
                                           baseURL: "https://example.invalid", requiresBaseURL: true)
    public var actions: [any Action] { [SendWebhook()] }

    public init() {}
}
