import ConnectorKit
import ConnectorTesting
import Testing
import WebhookConnector

/// OAuth 2.0 client credentials end to end: the token endpoint and the webhook on one loopback server.
@Suite struct WebhookOAuthTests {
    @Test func fetchesATokenWithAnExactFormPostAndSendsItAsBearer() async throws {
        try await OAuthHarness.with(scope: "hooks:write") { oauth in
            oauth.enqueueTokens(OAuthHarness.token("at-1", expiresIn: 3600))
            _ = try await oauth.send()
            let token = try #require(oauth.tokenRequests.first)
            #expect(oauth.tokenRequests.count == 1)
            #expect(token.method == "POST")
            #expect(token.headers["Content-Type"] == "application/x-www-form-urlencoded")
            #expect(token.headers["Accept"] == "application/json")
            #expect(token.headers["Authorization"] == nil)
            #expect(token.bodyText == "client_id=client-7&client_secret=cs-Very%2FSecret%2BValue&grant_type=client_credentials&scope=hooks%3Awrite")
            #expect(oauth.hookRequests.map { $0.headers.values("Authorization") } == [["Bearer at-1"]])
            #expect(oauth.hookRequests.first?.bodyText == #"{"a":1}"#)
        }
    }

    @Test func oneTokenServesSeveralSends() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("at-1", expiresIn: 3600), OAuthHarness.token("at-2"))
            for _ in 0..<3 { _ = try await oauth.send() }
            #expect(oauth.tokenRequests.count == 1)
            #expect(await oauth.tokens.fetchCount == 1)
            #expect(oauth.hookRequests.map { $0.headers["Authorization"] } == Array(repeating: "Bearer at-1", count: 3))
        }
    }

    @Test func concurrentSendsShareOneTokenFetch() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("at-1").delayed(by: .milliseconds(200)), OAuthHarness.token("at-2"))
            try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for _ in 0..<4 { group.addTask { try await oauth.send() } }
                try await group.waitForAll()
            }
            #expect(oauth.tokenRequests.count == 1)
            #expect(oauth.hookRequests.count == 4)
            #expect(oauth.hookRequests.allSatisfy { $0.headers["Authorization"] == "Bearer at-1" })
        }
    }

    @Test func aTokenIsFetchedAgainAfterExpiresIn() async throws {
        try await OAuthHarness.with { oauth in
            // 3 s, not 1: on a loaded CI machine two sends once took over a second.
            oauth.enqueueTokens(OAuthHarness.token("short", expiresIn: 3), OAuthHarness.token("next", expiresIn: 3600))
            _ = try await oauth.send()
            _ = try await oauth.send()
            try await Task.sleep(for: .milliseconds(3100))
            _ = try await oauth.send()
            #expect(oauth.tokenRequests.count == 2)
            #expect(oauth.hookRequests.map { $0.headers["Authorization"] } == ["Bearer short", "Bearer short", "Bearer next"])
        }
    }

    @Test func a401FetchesANewTokenAndRetries() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("stale", expiresIn: 3600), OAuthHarness.token("fresh", expiresIn: 3600))
            oauth.server.enqueue(.unauthorized, .json(200, ["ok": true]), path: "/api/hook")
            let output = try await oauth.send()
            #expect(output == ["status": 200, "body": ["ok": true]])
            #expect(oauth.tokenRequests.count == 2)
            #expect(oauth.hookRequests.map { $0.headers["Authorization"] } == ["Bearer stale", "Bearer fresh"])
            // The body is sent again unchanged.
            #expect(oauth.hookRequests.map(\.bodyText) == [#"{"a":1}"#, #"{"a":1}"#])
            // The fresh token is cached for the next send.
            _ = try await oauth.send()
            #expect(oauth.tokenRequests.count == 2)
        }
    }

    @Test func a401ToATokenAlreadyReplacedReusesTheReplacement() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("stale", expiresIn: 3600), OAuthHarness.token("fresh", expiresIn: 3600),
                                OAuthHarness.token("fresher", expiresIn: 3600))
            // Send A's 401 arrives late, after send B was refused, refreshed and retried.
            oauth.server.enqueue(.unauthorized.delayed(by: .milliseconds(600)), .unauthorized, path: "/api/hook")
            _ = try await oauth.send(["url": "/prime"])
            async let first = oauth.send()
            try await Task.sleep(for: .milliseconds(150))
            _ = try await oauth.send()
            _ = try await first
            #expect(oauth.tokenRequests.count == 2)
            #expect(oauth.hookRequests.map { $0.headers["Authorization"] } == ["Bearer stale", "Bearer stale", "Bearer fresh", "Bearer fresh"])
        }
    }

    @Test func atMostThreeRefreshesThenAnAuthenticationError() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(OAuthHarness.token("t0"), OAuthHarness.token("t1"), OAuthHarness.token("t2"), OAuthHarness.token("t3"),
                                OAuthHarness.token("t4"))
            oauth.server.setFallback(.unauthorized, path: "/api/hook")
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            #expect(error?.kind == .authentication)
            #expect(error?.status == 401)
            #expect(error?.code == "http_401")
            #expect(ActionContext.oauthRefreshLimit == 3)
            #expect(oauth.tokenRequests.count == 4)
            #expect(oauth.hookRequests.map { $0.headers["Authorization"] } == ["Bearer t0", "Bearer t1", "Bearer t2", "Bearer t3"])
        }
    }

    @Test(arguments: [401, 400, 403])
    func aRefusingTokenEndpointIsAnAuthenticationError(status: Int) async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(.status(status, headers: ["Content-Type": "application/json"], body: #"{"error":"invalid_client"}"#))
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            #expect(error?.kind == .authentication)
            #expect(error?.code == "oauth_token")
            #expect(error?.status == status)
            #expect(error?.message == "the token endpoint answered \(status)")
            #expect(oauth.hookRequests.isEmpty)
        }
    }

    @Test func anUnavailableTokenEndpointIsRetryable() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(.unavailable)
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            #expect(error?.kind == .retryable)
            #expect(error?.code == "oauth_token")
            #expect(oauth.hookRequests.isEmpty)
        }
    }

    @Test func aTokenAnswerWithoutAccessTokenIsPermanent() async throws {
        try await OAuthHarness.with { oauth in
            oauth.enqueueTokens(.json(200, ["token_type": "Bearer"]))
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            #expect(error?.kind == .permanent)
            #expect(error?.message.contains("no access_token") == true)
        }
    }

    @Test func secretsEchoedByTheTokenEndpointAreRedacted() async throws {
        try await OAuthHarness.with { oauth in
            // A token endpoint quoting the form it received, raw and encoded.
            oauth.enqueueTokens(.status(400, body: "bad request: client_secret=cs-Very%2FSecret%2BValue (\(OAuthHarness.clientSecret))"))
            let error = await #expect(throws: ConnectorError.self) { try await oauth.send() }
            let text = error.map { "\($0) \($0.message) \($0.bodyExcerpt ?? "")" } ?? ""
            #expect(!text.contains("Secret"))
            #expect(text.contains("client_secret=<redacted> (<redacted>)"))
        }
    }
}
