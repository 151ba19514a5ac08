import ConnectorKit

/// Chatter, a (fictional) team chat with Slack-like incoming webhooks: a bot token sent as
/// `Authorization: Bearer`, messages posted to `api/chat.postMessage`. `auth.test` checks a
/// connection.
///
/// It lives outside Hookline: this package registers it next to the built-in connectors.
public struct ChatterConnector: Connector {
    public let id = "chatter"
    public let summary = "Post messages to Chatter channels"
    public let connection = ConnectionSpec(auth: [.bearer], baseURL: "https://chatter.example",
                                           test: ConnectionTest(.get, "api/auth.test"))
    public var actions: [any Action] { [PostMessage()] }

    public init() {}
}
