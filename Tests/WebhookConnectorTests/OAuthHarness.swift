import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import WebhookConnector

/// A loopback server that is both the webhook endpoint and the OAuth token endpoint
/// (`/oauth/token`), with an OAuth client-credentials connection pointing at it. The kit's
/// connection is fixed before its server starts, so OAuth tests build their own.
struct OAuthHarness {
    static let tokenPath = "/oauth/token"
    static let clientSecret = "cs-Very/Secret+Value"

    let server: LoopbackServer
    let connection: Connection
    let tokens = OAuthTokenCache()
    let transport = HTTPClientTransport()

    /// Runs `body` with a started harness, shutting the server down afterwards.
    static func with(scope: String? = nil, _ body: (OAuthHarness) async throws -> Void) async throws {
        let server = try await LoopbackServer.start()
        var settings = ["tokenURL": server.baseURL + tokenPath]
        if let scope { settings["scope"] = scope }
        let connection = Connection(auth: .oauth2ClientCredentials,
                                    credentials: ["clientId": "client-7", "clientSecret": Secret(clientSecret)],
                                    settings: settings, baseURL: server.baseURL + "/api")
        do {
            try await body(OAuthHarness(server: server, connection: connection))
            try await server.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    /// Queues token responses for the token endpoint.
    func enqueueTokens(_ responses: CannedResponse...) {
        for response in responses { server.enqueue(response, path: Self.tokenPath) }
    }

    /// A token answer.
    static func token(_ value: String, expiresIn: Int? = nil) -> CannedResponse {
        var body: JSONObject = JSONObject([("access_token", JSONValue.string(value)), ("token_type", "Bearer")])
        if let expiresIn { body["expires_in"] = .integer(Int64(expiresIn)) }
        return .json(200, .object(body))
    }

    func send(_ input: JSONValue = ["url": "/hook", "body": ["a": 1]], timeout: Duration = .seconds(10)) async throws(ConnectorError) -> JSONValue {
        let context = try WebhookConnector().context(connection, transport: transport, tokens: tokens, timeout: timeout)
        return try await SendWebhook().run(input, context: context)
    }

    var tokenRequests: [RecordedRequest] { server.requests(to: Self.tokenPath) }
    var hookRequests: [RecordedRequest] { server.requests(to: "/api/hook") }
}
