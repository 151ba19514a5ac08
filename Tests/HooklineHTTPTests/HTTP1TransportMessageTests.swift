import Foundation
import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import Testing

/// What goes on the wire and how responses are framed.
@Suite struct HTTP1TransportMessageTests {
    @Test func sendsTheRequestAsGiven() async throws {
        let server = try await LoopbackServer.start()
        server.enqueue(.json(201, ["id": 7], headers: ["X-Reply": "yes"]))
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let request = HTTPRequest.json(.post, server.baseURL + "/api/things?x=a%20b&y=1", ["name": "n"], headers: ["X-Test": "1"])
        let response = try await transport.send(request, timeout: .seconds(5))
        #expect(response.status == 201)
        #expect(response.json == ["id": 7])
        #expect(response.headers["x-reply"] == "yes")
        let recorded = try #require(server.requests.first)
        #expect(recorded.method == "POST")
        #expect(recorded.path == "/api/things")
        #expect(recorded.queryItem("x") == "a b")
        #expect(recorded.queryItem("y") == "1")
        #expect(recorded.headers["x-test"] == "1")
        #expect(recorded.headers["Content-Type"] == "application/json")
        #expect(recorded.headers["Host"] == server.baseURL.replacingOccurrences(of: "http://", with: ""))
        #expect(recorded.headers["Content-Length"] == String(request.body?.count ?? -1))
        #expect(recorded.json == ["name": "n"])
        try await server.shutdown()
    }

    @Test func aBodylessPostSaysItsLengthIsZeroAndAGetSaysNothing() async throws {
        let server = try await LoopbackServer.start()
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        _ = try await transport.send(HTTPRequest(method: .post, url: server.baseURL + "/p"), timeout: .seconds(5))
        _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL), timeout: .seconds(5))
        let recorded = server.requests
        #expect(recorded.map(\.headers["Content-Length"]) == ["0", nil])
        #expect(recorded[1].uri == "/", "an empty path is sent as /")
        try await server.shutdown()
    }

    @Test func aRedirectIsReturnedNotFollowed() async throws {
        let server = try await LoopbackServer.start()
        server.setFallback(.status(302, headers: ["Location": server.baseURL + "/elsewhere"]))
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let response = try await transport.send(HTTPRequest.json(.post, server.baseURL + "/hook", ["a": 1]), timeout: .seconds(5))
        #expect(response.status == 302)
        #expect(server.requests.map(\.path) == ["/hook"])
        try await server.shutdown()
    }

    @Test func readsChunkedAndCloseDelimitedBodies() async throws {
        let server = try await ScriptedServer.start { request in
            if request.head.contains("/chunked") {
                return .init("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
            }
            return .init("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", close: true)
        }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let base = "http://127.0.0.1:\(server.port)"
        let chunked = try await transport.send(HTTPRequest(method: .get, url: base + "/chunked"), timeout: .seconds(5))
        let delimited = try await transport.send(HTTPRequest(method: .get, url: base + "/eof"), timeout: .seconds(5))
        #expect(chunked.bodyText == "hello world")
        #expect(delimited.bodyText == "until the end")
        try await server.shutdown()
    }

    @Test func cutsTheBodyAtTheLimitAndKeepsTheConnection() async throws {
        let server = try await ScriptedServer.start { _ in
            .init("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100))
        }
        let transport = HTTP1Transport(maxResponseBytes: 10)
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/big"
        let first = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        let second = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(first.body.count == 10)
        #expect(second.body.count == 10)
        #expect(server.connections == 1, "the rest of the body was read and dropped, so the connection stayed usable")
        try await server.shutdown()
    }

    @Test func aHeadResponseHasNoBodyWhateverItsLengthSays() async throws {
        let server = try await ScriptedServer.start { request in
            request.method == "HEAD"
                ? .init("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n")
                : .init("HTTP/1.1 204 No Content\r\n\r\n")
        }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let url = "http://127.0.0.1:\(server.port)/"
        let head = try await transport.send(HTTPRequest(method: HTTPMethod(rawValue: "HEAD"), url: url), timeout: .seconds(5))
        let next = try await transport.send(HTTPRequest(method: .get, url: url), timeout: .seconds(5))
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(next.status == 204, "the HEAD response's length did not swallow the next response")
        #expect(server.connections == 1)
        try await server.shutdown()
    }

    @Test func informationalResponsesAreSkipped() async throws {
        let server = try await ScriptedServer.start { _ in
            .init("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        let response = try await transport.send(HTTPRequest.json(.post, "http://127.0.0.1:\(server.port)/", ["a": 1]), timeout: .seconds(5))
        #expect(response.status == 201)
        #expect(response.bodyText == "ok")
        try await server.shutdown()
    }
}
