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

    /// Closes idle connections now and the others when their request ends; later requests fail.
    public func shutDown() {
        pool.shutDown()
    }

    public func send(_ request: ConnectorKit.HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> ConnectorKit.HTTPResponse {
        let url = try RequestURL(request.url)
        let endpoint = HTTP1Endpoint(url)
        let deadline = NIODeadline.now() + Self.timeAmount(timeout)
        let head = Self.head(of: request, url: url, endpoint: endpoint)
        let connection: HTTP1Connection
        if let idle = pool.take(endpoint) {
            connection = idle
        } else {
            connection = try await connect(to: endpoint, deadline: deadline)
        }
        let exchange: HTTP1Exchange
        do {
            let future = connection.exchange(head: head, body: request.body, deadline: deadline, maxBodyBytes: maxResponseBytes)
            exchange = try await withTaskCancellationHandler {
                try await future.get()
            } onCancel: {
                connection.close()
            }
        } catch {
            connection.close()
            if Task.isCancelled { throw HTTP1TransportErrors.cancelled }
            throw HTTP1TransportErrors.map(error, endpoint: endpoint)
        }
        if exchange.reusable { pool.put(connection) }
        return exchange.response
    }

    /// The request head: method, origin-form target, the request's headers, and `Host` and
    /// `Content-Length` where the request has none.
    static func head(of request: ConnectorKit.HTTPRequest, url: RequestURL, endpoint: HTTP1Endpoint) -> HTTPRequestHead {
        var target = url.path.isEmpty ? "/" : url.path
        if !url.query.isEmpty { target += "?" + URLEncoding.form(url.query) }
        var headers = NIOHTTP1.HTTPHeaders()
        headers.reserveCapacity(request.headers.fields.count + 2)
        var hasHost = false
        var hasLength = false
        for field in request.headers {
            if !hasHost, field.name.utf8.count == 4, field.name.lowercased() == "host" { hasHost = true }
            if !hasLength, field.name.utf8.count == 14, field.name.lowercased() == "content-length" { hasLength = true }
            headers.add(name: field.name, value: field.value)
        }
        if !hasHost { headers.add(name: "Host", value: endpoint.hostHeader) }
        if !hasLength {
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
        let handler = HTTP1ExchangeHandler(endpoint: endpoint, idleTimeout: idleTimeout)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(remaining)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: endpoint.serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        do {
            let channel = try await bootstrap.connect(host: endpoint.host, port: endpoint.port).get()
            return HTTP1Connection(channel: channel, endpoint: endpoint, handler: handler)
        } catch {
            throw HTTP1TransportErrors.map(error, endpoint: endpoint)
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
