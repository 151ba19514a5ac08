import AsyncHTTPClient
import ConnectorKit
import NIOCore
import NIOHTTP1

/// ``HTTPTransport`` over AsyncHTTPClient: pooled connections, TLS, redirects not followed
/// (a redirect is a response the action sees).
public struct HTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    /// The largest response body read; a larger one is cut (run logs keep excerpts only).
    public var maxResponseBytes: Int

    /// A transport over `client` (default: ``sharedClient``).
    public init(client: HTTPClient = HTTPClientTransport.sharedClient, maxResponseBytes: Int = 16 << 20) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: ConnectorKit.HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> ConnectorKit.HTTPResponse {
        let url: RequestURL
        do { url = try RequestURL(request.url) } catch { throw error }
        var outgoing = HTTPClientRequest(url: url.description)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
            + timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            var body = try await response.body.collect(upTo: maxResponseBytes)
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            var headers = ConnectorKit.HTTPHeaders()
            for field in response.headers { headers.add(field.name, field.value) }
            return ConnectorKit.HTTPResponse(status: Int(response.status.code), headers: headers, body: bytes)
        } catch let error as HTTPClientError {
            throw Self.transportError(error)
        } catch {
            throw HTTPTransportError(.connection, "\(error)")
        }
    }

    /// The process-wide client of transports made without one: 8 connections per host (as
    /// AsyncHTTPClient's default), redirects not followed. Never shut down.
    public static let sharedClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration())

    /// Redirects not followed; no tracing spans (Hookline bootstraps no tracer, and AsyncHTTPClient
    /// otherwise builds a no-op span with its attributes for every request: ~4% of delivery's CPU).
    static func configuration(connectionsPerHost: Int = 8) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, connectionsPerHost))
        configuration.tracing.tracer = nil
        return configuration
    }

    /// Runs `body` with a transport over a client of its own that keeps up to `connectionsPerHost`
    /// pooled connections to each host (AsyncHTTPClient's default is 8: fewer than a runner's
    /// workers) and does not follow redirects; the client is shut down when `body` ends.
    public static func withClient<T: Sendable>(connectionsPerHost: Int,
                                               _ body: (HTTPClientTransport) async throws -> T) async throws -> T {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration(connectionsPerHost: connectionsPerHost))
        let result: T
        do {
            result = try await body(HTTPClientTransport(client: client))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    /// AsyncHTTPClient's error as one of ours.
    static func transportError(_ error: HTTPClientError) -> HTTPTransportError {
        if [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            return HTTPTransportError(.timeout, "no response within the timeout")
        }
        if [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(error) {
            return HTTPTransportError(.invalidURL, "\(error)")
        }
        return HTTPTransportError(.connection, "\(error)")
    }
}
