import ConnectorKit
import HooklineHTTP
import NIOCore
import Testing

/// Keep-alive connections: reused, capped, and dropped when either side closes them.
@Suite struct HTTP1TransportConnectionTests {
    static let ok = ScriptedServer.Reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    @Test func sequentialRequestsShareOneConnection() async throws {
        let server = try await ScriptedServer.start { _ in Self.ok }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        for index in 0..<5 {
            let response = try await transport.send(HTTPRequest.json(.post, "http://127.0.0.1:\(server.port)/\(index)", ["i": .string(String(index))]),
                                                    timeout: .seconds(5))
            #expect(response.bodyText == "ok")
        }
        #expect(server.connections == 1)
        try await server.shutdown()
    }

    @Test func concurrentRequestsGetConnectionsOfTheirOwnAndTheIdleOnesAreCapped() async throws {
        // Each answer waits 300 ms, so the requests of a round are all in flight at once.
        let server = try await ScriptedServer.start { _ in
            .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", delay: .milliseconds(300))
        }
        let transport = HTTP1Transport(maxIdleConnectionsPerHost: 2)
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/"
        func round() async throws {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(10)).status } }
                for try await status in group { #expect(status == 200) }
            }
        }
        try await round()
        #expect(server.connections == 4, "four requests at once, four connections")
        try await round()
        #expect(server.connections == 6, "two idle connections were kept and reused; two more were opened")
        try await server.shutdown()
    }

    @Test func aConnectionTheServerClosesIsNotReused() async throws {
        let server = try await ScriptedServer.start { request in
            request.head.contains("/close")
                ? .init("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", close: true)
                : Self.ok
        }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let base = "http://127.0.0.1:\(server.port)"
        _ = try await transport.send(HTTPRequest(method: .get, url: base + "/close"), timeout: .seconds(5))
        let after = try await transport.send(HTTPRequest(method: .get, url: base + "/next"), timeout: .seconds(5))
        #expect(after.status == 200)
        #expect(server.connections == 2)
        try await server.shutdown()
    }

    /// A server may close an idle keep-alive connection without saying so in its last response.
    @Test func anIdleConnectionClosedByTheServerIsSkipped() async throws {
        let server = try await ScriptedServer.start { _ in
            .init("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", close: true)
        }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/"
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        // Give the client's event loop time to see the close (on loopback it is immediate).
        try await Task.sleep(for: .seconds(1))
        let second = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(second.status == 200)
        #expect(server.connections == 2)
        try await server.shutdown()
    }

    @Test func aRequestAskingToCloseClosesItsConnection() async throws {
        let server = try await ScriptedServer.start { _ in Self.ok }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/"
        _ = try await transport.send(HTTPRequest(method: .get, url: url, headers: ["Connection": "close"]), timeout: .seconds(5))
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(server.connections == 2)
        try await server.shutdown()
    }

    @Test func idleConnectionsCloseAfterTheIdleTimeout() async throws {
        let server = try await ScriptedServer.start { _ in Self.ok }
        let transport = HTTP1Transport(idleTimeout: .milliseconds(100))
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/"
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        try await Task.sleep(for: .milliseconds(1_200))
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(server.connections == 2, "the first connection was closed while idle")
        try await server.shutdown()
    }

    @Test func aShutDownTransportKeepsNoConnection() async throws {
        let server = try await ScriptedServer.start { _ in Self.ok }
        let transport = HTTP1Transport()
        let url = "http://127.0.0.1:\(server.port)/"
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        transport.shutDown()
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        _ = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(server.connections == 3, "after shutDown each request uses a connection of its own, closed after it")
        try await server.shutdown()
    }
}
