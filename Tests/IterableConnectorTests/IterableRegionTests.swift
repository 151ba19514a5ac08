import ConnectorKit
import IterableConnector
import Testing

@Suite struct IterableRegionTests {
    let spec = IterableConnector().connection

    @Test func theEURegionUsesTheEUDataCenter() throws {
        #expect(try Connection(region: "eu").resolvedBaseURL(spec).description == "https://api.eu.iterable.com/")
        #expect(try Connection(region: "us").resolvedBaseURL(spec).description == "https://api.iterable.com/")
        #expect(try Connection().resolvedBaseURL(spec).description == "https://api.iterable.com/")
    }

    @Test func actionURLsFollowTheRegion() throws {
        let context = try IterableConnector().context(Connection(auth: .apiKeyHeader(name: "Api-Key"), credentials: ["apiKey": "k"], region: "eu"),
                                                      transport: UnreachableTransport())
        #expect(context.url("api/users/update") == "https://api.eu.iterable.com/api/users/update")
    }

    @Test func anUnknownRegionIsAConfigurationError() {
        #expect(throws: ConnectorError.self) { try Connection(region: "apac").resolvedBaseURL(spec) }
        do {
            _ = try Connection(region: "apac").resolvedBaseURL(spec)
        } catch {
            #expect(error.code == "configuration")
            #expect(error.message.contains("eu, us"))
        }
    }
}

/// A transport for tests that build URLs only; sending is a test failure.
struct UnreachableTransport: HTTPTransport {
    func send(_ request: HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> HTTPResponse {
        Issue.record("no request may be sent")
        throw HTTPTransportError(.connection, "unreachable")
    }
}
