import Foundation
import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import Testing

/// Requests that get no response fail with the reason the runner's retry policy needs.
@Suite struct HTTP1TransportFailureTests {
    @Test func aHangingServerIsATimeoutAndAClosedConnectionAConnectionError() async throws {
        let server = try await LoopbackServer.start()
        // The hang is far longer than the timeout: a 200 would mean the deadline never fired.
        server.enqueue(.hang(for: .seconds(20)), .closeConnection)
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let request = HTTPRequest(method: .get, url: server.baseURL + "/slow")
        await #expect(throws: HTTPTransportError(.timeout, "no response within the timeout")) {
            _ = try await transport.send(request, timeout: .milliseconds(300))
        }
        await #expect(throws: HTTPTransportError(.connection, "the connection closed before a full response")) {
            _ = try await transport.send(request, timeout: .seconds(5))
        }
        #expect(try await transport.send(request, timeout: .seconds(5)).status == 200, "the transport still works")
        try await server.shutdown()
    }

    @Test func aStoppedServerRefusesConnections() async throws {
        let server = try await LoopbackServer.start()
        let url = server.baseURL + "/x"
        try await server.shutdown()
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(2))
            Issue.record("a refused connection must fail")
        } catch {
            #expect(error.reason == .connection)
            #expect(error.detail.contains("could not connect to \(url.replacingOccurrences(of: "/x", with: ""))"))
        }
    }

    /// `.invalid` never resolves (RFC 6761); the message names the origin and each cause once.
    @Test func anUnknownHostIsAConnectionErrorSayingSoOnce() async throws {
        let transport = HTTP1Transport()
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: "http://no-such-host.invalid:8080/x?key=secret"), timeout: .seconds(20))
            Issue.record("an unknown host must fail")
        } catch {
            #expect(error.reason == .connection)
            #expect(error.detail.hasPrefix("could not connect to http://no-such-host.invalid:8080"), "\(error.detail)")
            #expect(!error.detail.contains("secret"), "never the query")
            // "could not connect to ORIGIN (CAUSE; CAUSE)": the causes between the first "(" and the last ")".
            let inner = error.detail.drop { $0 != "(" }.dropFirst().dropLast()
            let causes = inner.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!causes.isEmpty, "\(error.detail)")
            #expect(Set(causes).count == causes.count, "\(error.detail)")
        }
    }

    @Test func aBadURLIsRefusedBeforeConnecting() async throws {
        let transport = HTTP1Transport()
        for url in ["ftp://example.com/x", "http:///nohost", "http://user:pw@example.com/"] {
            do {
                _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(1))
                Issue.record("\(url) must be refused")
            } catch {
                #expect(error.reason == .invalidURL, "\(url)")
                #expect(!error.detail.contains("pw"))
            }
        }
    }

    @Test func aHeaderValueWithALineBreakIsRefused() async throws {
        let server = try await LoopbackServer.start()
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL, headers: ["X-Evil": "a\r\nX-Injected: 1"]),
                                         timeout: .seconds(5))
            Issue.record("a header with CR LF must not be sent")
        } catch {
            #expect(error.reason == .invalidRequest)
            #expect(!error.isRetryable, "it would fail the same way again")
            #expect(error.detail.contains("X-Evil") && !error.detail.contains("Injected"), "names the header, not its value")
        }
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL, headers: ["Bad Name": "v"]), timeout: .seconds(5))
            Issue.record("a header name with a space must not be sent")
        } catch {
            #expect(error.reason == .invalidRequest)
        }
        #expect(server.requests.isEmpty, "nothing reached the server")
        try await server.shutdown()
    }

    @Test func cancellingTheTaskEndsTheRequest() async throws {
        let server = try await LoopbackServer.start()
        server.enqueue(.hang(for: .seconds(20)))
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let request = HTTPRequest(method: .get, url: server.baseURL + "/slow")
        let task = Task { try await transport.send(request, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        // Not cancelled, the request would end after the 20 s hang with a 200.
        await #expect(throws: HTTPTransportError(.connection, "the request was cancelled")) { _ = try await task.value }
        try await server.shutdown()
    }
}
