import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import Testing
import WebhookConnector

/// Failures map to Iterable's retry table, and never reveal credentials.
@Suite struct WebhookErrorTests {
    @Test(arguments: [(429, ConnectorError.Kind.retryable), (502, .retryable), (503, .retryable), (504, .retryable),
                      (400, .permanent), (404, .permanent), (409, .permanent), (422, .permanent), (500, .permanent)])
    func statusesMapToErrorKinds(status: Int, kind: ConnectorError.Kind) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.status(status, headers: ["Retry-After": "180"], body: "answer \(status)"))
            let error = await #expect(throws: ConnectorError.self) { try await kit.run("send", ["url": "/hook?x=1", "body": ["a": 1]]) }
            #expect(error?.kind == kind)
            #expect(error?.status == status)
            #expect(error?.code == "http_\(status)")
            #expect(error?.bodyExcerpt == "answer \(status)")
            #expect(error?.message == "POST http://127.0.0.1:\(kit.server.port)/hook answered \(status)")
            #expect(error?.retryAfter == .seconds(180))
            // The runner retries; the action sends once.
            #expect(kit.server.requests.count == 1)
        }
    }

    @Test func aTimeoutIsRetryable() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.hang(for: .seconds(20)))
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/slow"], timeout: .milliseconds(300))
            }
            #expect(error?.kind == .retryable)
            #expect(error?.code == "timeout")
        }
    }

    @Test func aClosedConnectionIsRetryable() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.closeConnection)
            let error = await #expect(throws: ConnectorError.self) { try await kit.run("send", ["url": "/hook"]) }
            #expect(error?.kind == .retryable)
            #expect(error?.code == "connection")
        }
    }

    @Test func aRefusedConnectionIsRetryable() async throws {
        let server = try await LoopbackServer.start()
        let closedURL = server.baseURL
        try await server.shutdown()
        // The HTTP client keeps trying to connect until the deadline, so keep the timeout short.
        let context = try WebhookConnector().context(Connection(baseURL: closedURL), transport: HTTPClientTransport(), timeout: .seconds(1))
        let error = await #expect(throws: ConnectorError.self) { try await SendWebhook().run(["url": "/hook"], context: context) }
        #expect(error?.kind == .retryable)
        #expect(error?.code == "connection", "\(String(describing: error))")
    }

    /// An endpoint that echoes what it got (headers in an error page) must not put credentials in errors.
    @Test(arguments: [
        Connection(auth: .basic, credentials: ["username": "svc-user", "password": "pw-Hunter2!"]),
        Connection(auth: .basic, credentials: ["token": "c3ZjOnNlY3JldA=="]),
        Connection(auth: .bearer, credentials: ["token": "bearer-tok-123"]),
        Connection(headers: [(name: "X-Api-Key", value: Secret("hdr-key-999"))]),
    ])
    func echoedCredentialsAreRedactedFromErrors(connection: Connection) async throws {
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            kit.server.enqueue(.ok)
            _ = try await kit.run("send", ["url": "/probe"])
            let sent = try kit.onlyRequest().headers
            let secrets = [sent["Authorization"], sent["X-Api-Key"]].compactMap { $0 }
                + connection.credentials.values.map(\.exposed) + connection.headers.map(\.value.exposed)
            let echo = "you sent: " + sent.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
            kit.server.enqueue(.status(400, body: echo))
            let error = await #expect(throws: ConnectorError.self) { try await kit.run("send", ["url": "/echo"]) }
            let text = error.map { "\($0) | \($0.message) | \($0.bodyExcerpt ?? "")" } ?? ""
            #expect(text.contains("you sent:"))
            #expect(text.contains("<redacted>"))
            for secret in secrets { #expect(!text.contains(secret), "leaked \(secret.count) characters of a credential") }
        }
    }

    @Test func oauthSecretsAndTokensNeverAppearInErrors() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("at-SECRETTOKEN", expiresIn: 3600))
            oauth.server.enqueue(.status(422, body: "invalid; Authorization: Bearer at-SECRETTOKEN"), path: "/api/hook")
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            let text = error.map { "\($0) | \($0.message) | \($0.bodyExcerpt ?? "")" } ?? ""
            #expect(error?.kind == .permanent)
            #expect(!text.contains("SECRETTOKEN"))
            #expect(!text.contains(OAuthHarness.clientSecret))
            #expect(text.contains("Authorization: <redacted>"))
        }
    }
}
