import ConnectorKit
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// ``HTTPTransport`` straight over SwiftNIO: HTTP/1.1 with keep-alive connections pooled per
/// host, TLS for `https` (system trust roots unless configured), redirects not followed (a
/// redirect is a response the action sees), the response body cut at a limit.
///
/// The runner delivers through it: a request costs one hop to the connection's event loop and one
/// back, with none of a general client's per-request machinery (request validation, pool manager,
/// per-request timers beyond the deadline). ``HTTPClientTransport`` (AsyncHTTPClient) remains for
/// the CLI and tests that share a client.
///
/// A request that cannot start, or whose connection fails before a full response, fails with
/// ``HTTPTransportError``; nothing is retried here (retrying is the runner's policy, with its
/// idempotency key).
public final class HTTP1Transport: HTTPTransport, Sendable {
    /// The largest response body read; the rest is dropped (run logs keep excerpts only).
    public let maxResponseBytes: Int
    private let group: any EventLoopGroup
    private let pool: HTTP1ConnectionPool
    private let idleTimeout: TimeAmount
    private let tlsConfiguration: TLSConfiguration
    private let tlsContext = NIOLockedValueBox<NIOSSLContext?>(nil)

    /// - Parameters:
    ///   - maxIdleConnectionsPerHost: idle keep-alive connections kept per host (more may be open
    ///     while requests run; extra ones close when their request ends).
    ///   - idleTimeout: an idle connection closes after this long.
    ///   - tlsConfiguration: for `https` (default: TLS 1.2+, system trust roots, hostname checked).
    ///   - eventLoopGroup: where connections live (default: NIO's shared group).
    public init(maxIdleConnectionsPerHost: Int = 8, idleTimeout: Duration = .seconds(60), maxResponseBytes: Int = 16 << 20,
                tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.maxResponseBytes = maxResponseBytes
        self.group = eventLoopGroup
        self.pool = HTTP1ConnectionPool(maxIdlePerEndpoint: maxIdleConnectionsPerHost)
        self.idleTimeout = Self.timeAmount(idleTimeout)
        self.tlsConfiguration = tlsConfiguration
    }

    /// Runs `body` with a transport that keeps up to `maxIdleConnectionsPerHost` idle connections
    /// per host; its connections are closed when `body` ends.
    public static func withTransport<T: Sendable>(maxIdleConnectionsPerHost: Int,
                                                  _ body: (HTTP1Transport) async throws -> T) async rethrows -> T {
        let transport = HTTP1Transport(maxIdleConnectionsPerHost: maxIdleConnectionsPerHost)
        defer { transport.shutDown() }
        return try await body(transport)
    }

    /// Closes idle connections now and the others when their request ends. Requests sent later
    /// still work, each on a connection of its own closed after it.
    public func shutDown() {
        pool.shutDown()
    }

    public func send(_ request: ConnectorKit.HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> ConnectorKit.HTTPResponse {
        let url = try RequestURL(request.url)
        let endpoint = HTTP1Endpoint(url)
        let deadline = NIODeadline.now() + Self.timeAmount(timeout)
        let head = try Self.head(of: request, url: url, endpoint: endpoint)
        if let idle = pool.take(endpoint) {
            do {
                return try await exchange(head, body: request.body, on: idle, deadline: deadline)
            } catch is HTTP1NotStarted {
                // The idle connection closed before the request went out (the server or the
                // idle timer closed it): nothing was sent, so a new connection may carry it.
            } catch {
                throw HTTP1TransportErrors.map(error, endpoint: endpoint, duringHandshake: false)
            }
        }
        let connection = try await connect(to: endpoint, deadline: deadline)
        do {
            return try await exchange(head, body: request.body, on: connection, deadline: deadline)
        } catch {
            throw HTTP1TransportErrors.map(error, endpoint: endpoint, duringHandshake: false)
        }
    }

    /// One exchange on `connection`; the connection goes back to the pool if it can carry another.
    private func exchange(_ head: HTTPRequestHead, body: [UInt8]?, on connection: HTTP1Connection, deadline: NIODeadline) async throws -> ConnectorKit.HTTPResponse {
        let future = connection.exchange(head: head, body: body, deadline: deadline, maxBodyBytes: maxResponseBytes)
        let exchange: HTTP1Exchange
        do {
            exchange = try await withTaskCancellationHandler {
                try await future.get()
            } onCancel: {
                connection.cancel()
            }
        } catch {
            connection.close()
            throw error
        }
        if exchange.reusable, !Task.isCancelled { pool.put(connection) } else { connection.close() }
        return exchange.response
    }

    /// The request head: method, origin-form target, the request's headers, and `Host` and
    /// `Content-Length` where the request has none.
    /// - Throws: ``HTTPTransportError`` (`invalidRequest`) for a header that cannot be sent.
    static func head(of request: ConnectorKit.HTTPRequest, url: RequestURL, endpoint: HTTP1Endpoint) throws(HTTPTransportError) -> HTTPRequestHead {
        var target = url.path.isEmpty ? "/" : url.path
        if !url.query.isEmpty { target += "?" + URLEncoding.form(url.query) }
        guard target.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw HTTPTransportError(.invalidRequest, "the URL's path has a control character")
        }
        var headers = NIOHTTP1.HTTPHeaders()
        headers.reserveCapacity(request.headers.fields.count + 2)
        for field in request.headers {
            try HTTP1HeaderCheck.check(name: field.name, value: field.value)
            headers.add(name: field.name, value: field.value)
        }
        if !request.headers.contains("Host") { headers.add(name: "Host", value: endpoint.hostHeader) }
        if !request.headers.contains("Content-Length") {
            let length = request.body?.count ?? 0
            if length > 0 || request.method == .post || request.method == .put || request.method == .patch {
                headers.add(name: "Content-Length", value: String(length))
            }
        }
        return HTTPRequestHead(version: .http1_1, method: NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue), uri: target, headers: headers)
    }

    /// A new connection to `endpoint` (TLS handshake included when `https`), within `deadline`.
    private func connect(to endpoint: HTTP1Endpoint, deadline: NIODeadline) async throws(HTTPTransportError) -> HTTP1Connection {
        let remaining = deadline - .now()
        guard remaining > .zero else { throw HTTP1TransportErrors.timeout }
        let tls: NIOSSLContext? = endpoint.usesTLS ? try tlsContextForConnections() : nil
        let idleTimeout = idleTimeout
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(remaining)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
        do {
            // Each attempt (happy eyeballs may try several addresses) gets handlers of its own;
            // the winning channel's are returned.
            let connection = try await bootstrap.connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName))
                    }
                    // Headers are checked before they get here (HTTP1HeaderCheck).
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
                    let handler = HTTP1ExchangeHandler(endpoint: endpoint, idleTimeout: idleTimeout)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return HTTP1Connection(channel: channel, endpoint: endpoint, handler: handler)
                }
            }
            let pool = pool
            connection.channel.closeFuture.whenComplete { _ in pool.remove(connection) }
            return connection
        } catch {
            throw HTTP1TransportErrors.map(error, endpoint: endpoint, duringHandshake: true)
        }
    }

    /// The TLS context, made on first use (loading trust roots takes a while).
    private func tlsContextForConnections() throws(HTTPTransportError) -> NIOSSLContext {
        do {
            return try tlsContext.withLockedValue { context in
                if let context { return context }
                let made = try NIOSSLContext(configuration: tlsConfiguration)
                context = made
                return made
            }
        } catch {
            throw HTTPTransportError(.tls, "the TLS configuration is unusable: \(error)")
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
