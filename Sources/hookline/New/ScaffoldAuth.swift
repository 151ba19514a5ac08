import ArgumentParser
import Foundation

/// The authentication a scaffolded connector starts with, and the Swift it needs: the
/// connection spec's scheme, the test connection, and the check that a request carried it.
enum ScaffoldAuth: String, CaseIterable, ExpressibleByArgument {
    case none
    case apiKey = "api-key"
    case basic
    case bearer
    case oauth2ClientCredentials = "oauth2-client-credentials"

    /// The `AuthScheme` expression in the connection spec.
    var schemeExpression: String {
        switch self {
        case .none: ".none"
        case .apiKey: ".apiKeyHeader(name: \"X-Api-Key\")"
        case .basic: ".basic"
        case .bearer: ".bearer"
        case .oauth2ClientCredentials: ".oauth2ClientCredentials"
        }
    }

    /// The members of the generated `<Name>TestConnection`: its credentials, `connection` (or
    /// the token server it needs) and `withKit`.
    func testConnectionMembers(_ names: ConnectorNames) -> String {
        let kit = """
                /// Runs `body` with a kit whose loopback server stands in for \(names.base).
                static func withKit(_ body: (ConnectorTestKit<\(names.connectorType)>) async throws -> Void) async throws {
                    try await withConnectorTestKit(\(names.connectorType)(), connection: connection, body)
                }
            """
        switch self {
        case .none:
            return """
                    static let connection = Connection()

                \(kit)
                """
        case .apiKey:
            return """
                    static let apiKey = "\(names.id)-test-key-7f3a"
                    static let connection = Connection.apiKey(apiKey, scheme: .apiKeyHeader(name: "X-Api-Key"))

                \(kit)
                """
        case .basic:
            return """
                    static let username = "\(names.id)-user"
                    static let password = "pa55-\(names.id)-secret"
                    static let connection = Connection(auth: .basic, credentials: ["username": Secret(username), "password": Secret(password)])

                \(kit)
                """
        case .bearer:
            return """
                    static let token = "\(names.id)-test-token-41c2"
                    static let connection = Connection(auth: .bearer, credentials: ["token": Secret(token)])

                \(kit)
                """
        case .oauth2ClientCredentials:
            return """
                    static let clientID = "\(names.id)-client"
                    static let clientSecret = "\(names.id)-client-secret-9c1d"
                    static let accessToken = "\(names.id)-access-token-1"
                    static let tokenPath = "/oauth/token"

                    /// Runs `body` with a kit whose loopback server stands in for \(names.base), and a second
                    /// loopback server as its OAuth token endpoint (the kit's connection is fixed before its
                    /// own server starts). `body` gets the token server to check the token requests.
                    static func withKit(_ body: (ConnectorTestKit<\(names.connectorType)>, LoopbackServer) async throws -> Void) async throws {
                        let tokenServer = try await LoopbackServer.start()
                        // Every token request gets the token (a 401 from \(names.base) makes the cache fetch it again).
                        tokenServer.setFallback(.json(200, ["access_token": .string(accessToken), "token_type": "Bearer", "expires_in": 3600]), path: tokenPath)
                        let connection = Connection(auth: .oauth2ClientCredentials,
                                                    credentials: ["clientId": Secret(clientID), "clientSecret": Secret(clientSecret)],
                                                    settings: ["tokenURL": tokenServer.baseURL + tokenPath])
                        do {
                            try await withConnectorTestKit(\(names.connectorType)(), connection: connection) { kit in try await body(kit, tokenServer) }
                            try await tokenServer.shutdown()
                        } catch {
                            try? await tokenServer.shutdown()
                            throw error
                        }
                    }

                    /// Runs `body` with a kit (the token server is not needed).
                    static func withKit(_ body: (ConnectorTestKit<\(names.connectorType)>) async throws -> Void) async throws {
                        try await withKit { kit, _ in try await body(kit) }
                    }
                """
        }
    }

    /// The body of `expectAuthenticated(_ request:)`: the exact auth header(s) a request carries.
    var authenticationChecks: String {
        switch self {
        case .none:
            "        #expect(request.headers[\"Authorization\"] == nil)"
        case .apiKey:
            """
                    #expect(request.headers["X-Api-Key"] == apiKey)
                    #expect(request.headers["Authorization"] == nil)
            """
        case .basic:
            "        #expect(request.headers[\"Authorization\"] == \"Basic \" + Data(\"\\(username):\\(password)\".utf8).base64EncodedString())"
        case .bearer:
            "        #expect(request.headers[\"Authorization\"] == \"Bearer \\(token)\")"
        case .oauth2ClientCredentials:
            "        #expect(request.headers[\"Authorization\"] == \"Bearer \\(accessToken)\")"
        }
    }

    /// Modules the test connection file imports besides ConnectorKit, ConnectorTesting and Testing.
    var testConnectionImports: [String] {
        self == .basic ? ["Foundation"] : []
    }

    /// The test of the connection check (`testConnection`), which differs for OAuth (a token is
    /// fetched first, with the client credentials as a form).
    func connectionTest(_ names: ConnectorNames) -> String {
        if self == .oauth2ClientCredentials {
            return """
                    @Test func theConnectionTestFetchesATokenThenSendsIt() async throws {
                        try await \(names.testConnectionType).withKit { kit, tokenServer in
                            kit.server.enqueue(.json(200, ["id": "me"]))
                            try await kit.connector.testConnection(context: kit.context())
                            let request = try kit.onlyRequest()
                            #expect(request.method == "GET")
                            #expect(request.uri == "/v1/me")
                            \(names.testConnectionType).expectAuthenticated(request)
                            let tokenRequests = tokenServer.requests(to: \(names.testConnectionType).tokenPath)
                            #expect(tokenRequests.count == 1)
                            let form = Dictionary(tokenRequests.first?.form ?? [], uniquingKeysWith: { first, _ in first })
                            #expect(form["grant_type"] == "client_credentials")
                            #expect(form["client_id"] == \(names.testConnectionType).clientID)
                        }
                    }
                """
        }
        return """
                @Test func theConnectionTestSendsTheCredentials() async throws {
                    try await \(names.testConnectionType).withKit { kit in
                        kit.server.enqueue(.json(200, ["id": "me"]))
                        try await kit.connector.testConnection(context: kit.context())
                        let request = try kit.onlyRequest()
                        #expect(request.method == "GET")
                        #expect(request.uri == "/v1/me")
                        \(names.testConnectionType).expectAuthenticated(request)
                    }
                }
            """
    }
}
