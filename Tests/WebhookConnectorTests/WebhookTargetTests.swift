import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import Testing
import WebhookConnector

/// Where requests may go: the connection fixes the origin, a step fills path and query.
@Suite struct WebhookTargetTests {
    @Test func aPathGoesUnderTheBaseURLsPathAndQueryItemsAreKept() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { try? await server.shutdown() } }
        let connection = Connection(baseURL: server.baseURL + "/v1/?source=hookline")
        let context = try WebhookConnector().context(connection, transport: HTTPClientTransport())
        for url in ["/users/42?x=1&y=a%20b", "users/42?x=1&y=a%20b"] {
            _ = try await SendWebhook().run(["url": .string(url)], context: context)
        }
        _ = try await SendWebhook().run(["url": "/"], context: context)
        let uris = server.requests.map(\.uri)
        #expect(uris == ["/v1/users/42?source=hookline&x=1&y=a%20b", "/v1/users/42?source=hookline&x=1&y=a%20b", "/v1/?source=hookline"])
    }

    @Test func templatedPathsAreEncodedOnceAndKeepValidEscapes() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": "/users/ana@example.com/tags/a b/%40done/caf\u{e9}?q=x+y&e=a%40b"])
            let request = try kit.onlyRequest()
            #expect(request.path == "/users/ana@example.com/tags/a%20b/%40done/caf%C3%A9")
            #expect(request.query.map { "\($0.0)=\($0.1)" } == ["q=x y", "e=a@b"])
        }
    }

    @Test func anAbsoluteURLOfTheSameOriginIsAccepted() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": .string(kit.server.baseURL + "/elsewhere/path?z=9#fragment")])
            #expect(try kit.onlyRequest().uri == "/elsewhere/path?z=9")
        }
    }

    @Test(arguments: [
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1:1/admin",
        "https://127.0.0.1/admin",
        "//169.254.169.254/latest",
        "\\\\169.254.169.254\\latest",
        "ftp://127.0.0.1/file",
        "javascript:alert(1)",
    ])
    func anotherOriginIsRefusedWithoutAllowAnyHost(url: String) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": .string(url), "body": ["a": 1]])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.kind == .permanent)
            #expect(error?.message.contains("allowAnyHost") == true)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func allowAnyHostLetsAStepSendElsewhere() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let other = try await LoopbackServer.start()
            other.enqueue(.json(200, ["from": "other"]))
            let output = try await kit.run("send", ["url": .string(other.baseURL + "/hook?x=1"), "allowAnyHost": true, "body": ["a": 1]])
            try await other.shutdown()
            #expect(output["body"] == ["from": "other"])
            #expect(other.requests.map(\.uri) == ["/hook?x=1"])
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test(arguments: ["api_key", "APIKEY", "Api-Key", "key", "token", "access_token", "secret", "Password", "auth", "client_secret"])
    func apiKeysInTheURLAreRefused(name: String) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": .string("/hook?user=1&\(name)=sk_live_abcdef"), "allowAnyHost": true])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("'\(name)' looks like a credential") == true)
            #expect(error?.message.contains("connection's auth or headers") == true)
            #expect(error?.description.contains("sk_live_abcdef") == false)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func ordinaryQueryNamesAreNotMistakenForKeys() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": "/hook?keyword=a&monkey=b&tokens_used=3&author=c"])
            #expect(try kit.onlyRequest().query.map(\.0) == ["keyword", "monkey", "tokens_used", "author"])
        }
    }

    @Test func credentialsInTheConnectionsBaseURLAreRefused() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { try? await server.shutdown() } }
        let context = try WebhookConnector().context(Connection(baseURL: server.baseURL + "/?apikey=k-123456"), transport: HTTPClientTransport())
        let error = await #expect(throws: ConnectorError.self) {
            try await SendWebhook().run(["url": "/hook"], context: context)
        }
        #expect(error?.message.contains("the connection's baseURL: the query parameter 'apikey'") == true)
        #expect(error?.description.contains("k-123456") == false)
        #expect(server.requests.isEmpty)
    }

    @Test func userInfoInTheURLIsRefused() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": .string("http://admin:hunter22@127.0.0.1:\(kit.server.port)/hook")])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("credentials in a URL are refused") == true)
            #expect(error?.description.contains("hunter22") == false)
        }
    }

    @Test(arguments: ["/v1/../admin", "/./x", "/a/%2e%2E/b", "../x"])
    func dotSegmentsAreRefused(url: String) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": .string(url)])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("segment") == true)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func aConnectionWithoutABaseURLIsAConfigurationError() throws {
        let connector = WebhookConnector()
        let error = #expect(throws: ConnectorError.self) {
            _ = try connector.context(Connection(auth: .bearer, credentials: ["token": "t"]), transport: HTTPClientTransport())
        }
        #expect(error?.code == "configuration")
        #expect(error?.message.contains("no baseURL") == true)
        let diagnostics = #expect(throws: DiagnosticsError.self) {
            _ = try Connection(json: ["auth": "none"], spec: connector.connection, at: "/connections/hook")
        }
        #expect(diagnostics?.description.contains("needs a 'baseURL'") == true)
        #expect(diagnostics?.description.contains("/connections/hook") == true)
        let good = try Connection(json: ["auth": "none", "baseURL": "https://hooks.example.com/v1"], spec: connector.connection)
        #expect(try good.resolvedBaseURL(connector.connection).description == "https://hooks.example.com/v1")
    }
}
