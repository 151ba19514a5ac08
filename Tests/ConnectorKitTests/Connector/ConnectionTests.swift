import ConnectorKit
import Testing

@Suite struct ConnectionTests {
    let spec = ConnectionSpec(auth: [.apiKeyHeader(name: "Api-Key")], baseURL: "https://api.iterable.com",
                              regions: ["eu": "https://api.eu.iterable.com"])

    @Test func readsCredentialsRegionAndHeaders() throws {
        let connection = try Connection(json: ["apiKey": "k-123", "region": "eu", "headers": ["X-Team": "growth"]], spec: spec)
        #expect(connection.auth == .apiKeyHeader(name: "Api-Key"))
        #expect(connection.credentials["apiKey"]?.exposed == "k-123")
        #expect(try connection.resolvedBaseURL(spec).description == "https://api.eu.iterable.com/")
        #expect(connection.headers.map(\.name) == ["X-Team"])
    }

    @Test func baseURLOverridesTheRegion() throws {
        let connection = try Connection(json: ["apiKey": "k", "region": "eu", "baseURL": "http://127.0.0.1:8080"], spec: spec)
        #expect(try connection.resolvedBaseURL(spec).origin == "http://127.0.0.1:8080")
    }

    @Test func collectsEveryProblemWithItsPointer() {
        do {
            _ = try Connection(json: ["apikey": "k", "region": "mars", "auth": "basic", "baseURL": "ftp://x"], spec: spec, at: "/connections/iterable")
            Issue.record("must fail")
        } catch {
            let text = error.description
            #expect(text.contains("/connections/iterable/apikey"))
            #expect(text.contains("did you mean 'apiKey'?"))
            #expect(text.contains("auth \"basic\" is not accepted here"))
            #expect(text.contains("api-key authentication needs 'apiKey'"))
            #expect(text.contains("unknown region 'mars'"))
            #expect(text.contains("/connections/iterable/baseURL"))
            #expect(!text.contains("\"k\""))
        }
    }

    @Test func basicNeedsUsernameOrToken() throws {
        let basic = ConnectionSpec(auth: [.none, .basic], baseURL: "https://x.example")
        #expect(throws: DiagnosticsError.self) { try Connection(json: ["auth": "basic", "password": "p"], spec: basic) }
        let withToken = try Connection(json: ["auth": "basic", "token": "dXNlcjpwYXNz"], spec: basic)
        #expect(withToken.auth == .basic)
        #expect(try Connection(json: [:], spec: basic).auth == AuthScheme.none)
    }

    @Test func secretsNeverPrint() {
        let secret = Secret("s3cr3t")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let connection = Connection.apiKey("s3cr3t", scheme: .rawAuthorization)
        #expect(!"\(connection)".contains("s3cr3t"))
    }
}
