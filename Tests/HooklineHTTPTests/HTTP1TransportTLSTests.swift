import Foundation
import ConnectorKit
import ConnectorTesting
import HooklineHTTP
import NIOSSL
import Testing

/// `https`: the server's certificate is checked against the trust roots and the host name.
@Suite struct HTTP1TransportTLSTests {
    static let ok = ScriptedServer.Reply("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret")

    @Test func talksToAServerItTrustsByNameAndByAddress() async throws {
        let certificate = try TestCertificate.make()
        let server = try await ScriptedServer.start(tls: try certificate.serverContext()) { _ in Self.ok }
        let transport = HTTP1Transport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutDown() }
        for host in ["localhost", "127.0.0.1"] {
            let response = try await transport.send(HTTPRequest(method: .get, url: "https://\(host):\(server.port)/"), timeout: .seconds(5))
            #expect(response.bodyText == "secret", "\(host)")
        }
        try await server.shutdown()
    }

    @Test func anUntrustedCertificateIsATLSError() async throws {
        let certificate = try TestCertificate.make()
        let server = try await ScriptedServer.start(tls: try certificate.serverContext()) { _ in Self.ok }
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/"), timeout: .seconds(5))
            Issue.record("a self-signed certificate must not be trusted by default")
        } catch {
            #expect(error.reason == .tls)
            #expect(error.detail.contains("https://localhost:\(server.port)"))
        }
        try await server.shutdown()
    }

    @Test func aCertificateForAnotherNameIsATLSError() async throws {
        let certificate = try TestCertificate.make(names: ["DNS:elsewhere.example"])
        let server = try await ScriptedServer.start(tls: try certificate.serverContext()) { _ in Self.ok }
        let transport = HTTP1Transport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutDown() }
        for host in ["localhost", "127.0.0.1"] {
            do {
                _ = try await transport.send(HTTPRequest(method: .get, url: "https://\(host):\(server.port)/"), timeout: .seconds(5))
                Issue.record("a trusted certificate for other names must be refused for \(host)")
            } catch {
                #expect(error.reason == .tls, "\(host): \(error)")
            }
        }
        try await server.shutdown()
    }

    /// Only a failed handshake is `tls` (not retried); a connection dropped after it is a
    /// `connection` error, retried.
    @Test func aTLSServerClosingWithoutAnAnswerIsAConnectionError() async throws {
        let certificate = try TestCertificate.make()
        let server = try await ScriptedServer.start(tls: try certificate.serverContext()) { _ in .init("", close: true) }
        let transport = HTTP1Transport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutDown() }
        await #expect(throws: HTTPTransportError(.connection, "the connection closed before a full response")) {
            _ = try await transport.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/"), timeout: .seconds(5))
        }
        try await server.shutdown()
    }

    /// A TLS connection waits for the peer's close_notify when closed; a cancelled request must
    /// not wait with it.
    @Test func cancellingARequestOverTLSEndsItAtOnce() async throws {
        let certificate = try TestCertificate.make()
        let server = try await ScriptedServer.start(tls: try certificate.serverContext()) { _ in .silence }
        let transport = HTTP1Transport(tlsConfiguration: certificate.trustingClient)
        defer { transport.shutDown() }
        let clock = ContinuousClock()
        let task = Task { try await transport.send(HTTPRequest(method: .get, url: "https://localhost:\(server.port)/"), timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(300))
        let cancelledAt = clock.now
        task.cancel()
        await #expect(throws: HTTPTransportError(.connection, "the request was cancelled")) { _ = try await task.value }
        // Not a timing assertion on the machine's speed: without the fix this waits for the
        // 30 s timeout (and ends as a timeout, failing the expectation above).
        #expect(clock.now - cancelledAt < .seconds(20))
        try await server.shutdown()
    }

    @Test func aPlainServerBehindHttpsIsATLSError() async throws {
        let server = try await LoopbackServer.start()
        let transport = HTTP1Transport()
        defer { transport.shutDown() }
        do {
            _ = try await transport.send(HTTPRequest(method: .get, url: server.baseURL.replacingOccurrences(of: "http://", with: "https://")),
                                         timeout: .seconds(5))
            Issue.record("a plain HTTP server must fail the handshake")
        } catch {
            #expect(error.reason == .tls)
        }
        try await server.shutdown()
    }
}
