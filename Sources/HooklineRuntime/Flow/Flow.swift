import ConnectorKit

/// A compiled flow: a trigger and the steps each of its events goes through, every reference
/// resolved and every mapping checked.
public struct Flow: Sendable {
    public let id: String
    public let connector: any Connector
    public let trigger: any Trigger
    /// The trigger options (filters), checked against the trigger's option fields.
    public let options: JSONValue
    /// How senders prove a webhook is theirs; `nil` accepts any.
    public let verification: WebhookVerification?
    /// What the flow's events hold: the trigger's schema, or the flow's own samples and schema.
    public let source: FlowSource
    public let steps: [FlowStep]
}

/// One step of a flow: an action with its connection, mapping and retry policy.
public struct FlowStep: Sendable {
    public let id: String
    public let connector: any Connector
    public let action: any Action
    public let connection: ConfiguredConnection
    public let mapping: Mapping
    /// The mapping as written in the config (after `${NAME}` substitution), for the run-log
    /// page's flow view; show it only through ``RunJSON/flowDetail(_:secrets:)``, which redacts secrets.
    public let mappingSource: JSONValue
    public let retry: RetryPolicy
    /// How long one request may take (a timeout is retryable).
    public let timeout: Duration
    /// Runs the step only when this renders truthy (not empty, `false` or `0`).
    public let condition: Template?
    /// Merge the step's output object into the event for later steps (event fields win), as
    /// Iterable does with a GET profile webhook.
    public let merge: Bool
}

/// A named connection of the config, shared by the steps that use it (one OAuth token cache,
/// one rate limit).
public struct ConfiguredConnection: Sendable {
    public let name: String
    public let connector: any Connector
    public let connection: Connection
    public let tokens: OAuthTokenCache
    public let rateLimiter: RateLimiter?
}

/// How a flow verifies that a webhook comes from its sender.
public enum WebhookVerification: Sendable, Hashable {
    /// A header carrying a shared secret, compared in constant time.
    case sharedSecret(header: String, secret: Secret)
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`
    /// (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`), keyed by a `whsec_` secret.
    case standardWebhooks(secret: Secret, toleranceSeconds: Double)
}
