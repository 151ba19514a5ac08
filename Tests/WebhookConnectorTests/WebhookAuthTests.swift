import ConnectorKit
import ConnectorTesting
import Testing
import WebhookConnector

/// Basic and Bearer authentication as a webhook sends them.
@Suite struct WebhookAuthTests {
    @Test func basicWithAReadyTokenSendsItAsGiven() async throws {
        let connection = Connection(auth: .basic, credentials: ["token": "dXNlcjpwYXNz-as-given"])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            _ = try await kit.run("send", ["url": "/hook", "body": ["a": 1]])
            #expect(try kit.onlyRequest().headers.values("Authorization") == ["Basic dXNlcjpwYXNz-as-given"])
        }
    }

    @Test func basicWithUsernameAndPasswordIsBase64Encoded() async throws {
        // "Aladdin:open sesame" is RFC 7617's example; "ü" checks UTF-8 before encoding.
        let connection = Connection(auth: .basic, credentials: ["username": "Aladdin", "password": "open sesame"])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            _ = try await kit.run("send", ["url": "/hook"])
            #expect(try kit.onlyRequest().headers["Authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        }
        let unicode = Connection(auth: .basic, credentials: ["username": "j\u{fc}rgen", "password": "p"])
        try await withConnectorTestKit(WebhookConnector(), connection: unicode) { kit in
            _ = try await kit.run("send", ["url": "/hook"])
            #expect(try kit.onlyRequest().headers["Authorization"] == "Basic asO8cmdlbjpw")
        }
    }

    @Test func basicFromAConnectionFile() async throws {
        let json: JSONValue = ["auth": "basic", "username": "u", "password": "pw", "baseURL": "https://hooks.example.com"]
        let connection = try Connection(json: json, spec: WebhookConnector().connection)
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            _ = try await kit.run("send", ["url": "/hook"])
            #expect(try kit.onlyRequest().headers["Authorization"] == "Basic dTpwdw==")
        }
    }

    @Test func bearerSendsTheToken() async throws {
        let connection = Connection(auth: .bearer, credentials: ["token": "tok-abc.def"])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            _ = try await kit.run("send", ["url": "/hook", "headers": ["X-Extra": "1"]])
            let request = try kit.onlyRequest()
            #expect(request.headers.values("Authorization") == ["Bearer tok-abc.def"])
            #expect(request.headers["X-Extra"] == "1")
        }
    }

    @Test func aStepCannotReplaceTheConnectionsAuthorization() async throws {
        let connection = Connection(auth: .bearer, credentials: ["token": "tok-abc.def"])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/hook", "headers": ["Authorization": "Bearer other"]])
            }
            #expect(error?.message.contains("headers/Authorization: the connection's bearer authentication sets this header") == true)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func withoutAuthAStepMaySendItsOwnAuthorization() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": "/hook", "headers": ["Authorization": "Token abc"]])
            #expect(try kit.onlyRequest().headers["Authorization"] == "Token abc")
        }
    }

    @Test func a401WithoutOAuthIsAnAuthenticationErrorWithoutRetry() async throws {
        let connection = Connection(auth: .basic, credentials: ["username": "u", "password": "wrong-password"])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            kit.server.enqueue(.unauthorized)
            let error = await #expect(throws: ConnectorError.self) { try await kit.run("send", ["url": "/hook"]) }
            #expect(error?.kind == .authentication)
            #expect(error?.status == 401)
            #expect(kit.server.requests.count == 1)
        }
    }
}
