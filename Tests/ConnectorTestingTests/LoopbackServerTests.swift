import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import Testing

@Suite struct LoopbackServerTests {
    let transport = HTTPClientTransport()

    @Test func recordsRequestsAndPlaysCannedResponsesInOrder() async throws {
        let server = try await LoopbackServer.start()
        server.enqueue(.unavailable, .json(201, ["id": 7]))
        let request = HTTPRequest.json(.post, server.baseURL + "/api/things?x=a%20b", ["name": "n"], headers: ["X-Test": "1"])
        let first = try await transport.send(request, timeout: .seconds(5))
        let second = try await transport.send(request, timeout: .seconds(5))
        let third = try await transport.send(HTTPRequest(method: .get, url: server.baseURL + "/other"), timeout: .seconds(5))
        #expect(first.status == 503)
        #expect(second.status == 201)
        #expect(second.json == ["id": 7])
        #expect(third.status == 200)
        let recorded = server.requests
        #expect(recorded.count == 3)
        #expect(recorded[0].method == "POST")
        #expect(recorded[0].path == "/api/things")
        #expect(recorded[0].queryItem("x") == "a b")
        #expect(recorded[0].headers["x-test"] == "1")
        #expect(recorded[0].headers["Content-Type"] == "application/json")
        #expect(recorded[0].json == ["name": "n"])
        #expect(recorded[2].method == "GET")
        try await server.shutdown()
    }

    /// A redirect is the action's to judge: neither the shared client nor a runner's own follows it.
    @Test func redirectsAreNotFollowed() async throws {
        let server = try await LoopbackServer.start()
        server.setFallback(.status(302, headers: ["Location": server.baseURL + "/elsewhere"]))
        let request = HTTPRequest.json(.post, server.baseURL + "/hook", ["a": 1])
        let shared = try await transport.send(request, timeout: .seconds(5))
        let own = try await HTTPClientTransport.withClient(connectionsPerHost: 4) { try await $0.send(request, timeout: .seconds(5)) }
        #expect(shared.status == 302)
        #expect(own.status == 302)
        #expect(server.requests.map(\.path) == ["/hook", "/hook"], "nothing sent to /elsewhere")
        try await server.shutdown()
    }

    @Test func perPathQueuesGoFirst() async throws {
        let server = try await LoopbackServer.start()
        server.enqueue(.status(418))
        server.enqueue(.status(204), path: "/token")
        let token = try await transport.send(HTTPRequest(method: .post, url: server.baseURL + "/token"), timeout: .seconds(5))
        let other = try await transport.send(HTTPRequest(method: .post, url: server.baseURL + "/x"), timeout: .seconds(5))
        #expect(token.status == 204)
        #expect(other.status == 418)
        try await server.shutdown()
    }

    @Test func aHangingServerIsATimeoutAndAClosedConnectionAConnectionError() async throws {
        let server = try await LoopbackServer.start()
        // The hang is far longer than the timeout: a 200 would mean the deadline never fired.
        server.enqueue(.hang(for: .seconds(20)), .closeConnection)
        let request = HTTPRequest(method: .get, url: server.baseURL + "/slow")
        await #expect(throws: HTTPTransportError(.timeout, "no response within the timeout")) {
            _ = try await transport.send(request, timeout: .milliseconds(300))
        }
        do {
            _ = try await transport.send(request, timeout: .seconds(5))
            Issue.record("a closed connection must fail")
        } catch {
            #expect(error.reason == .connection)
        }
        try await server.shutdown()
    }

    @Test func aStoppedServerRefusesConnections() async throws {
        let server = try await LoopbackServer.start()
        let url = server.baseURL + "/x"
        try await server.shutdown()
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(1))
            Issue.record("a refused connection must fail")
        } catch {
            #expect(error.reason == .connection)
            #expect(error.isRetryable)
        }
    }
}
