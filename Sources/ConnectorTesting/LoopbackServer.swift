import ConnectorKit
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP/1.1 server on 127.0.0.1 (a free port) for connector tests: it records every
/// request and answers with canned responses, in order, per path or for any path.
///
/// ```swift
/// let server = try await LoopbackServer.start()
/// server.enqueue(.unavailable, .json(200, ["code": "Success"]))
/// // ... send requests to server.baseURL ...
/// #expect(server.requests.count == 2)
/// try await server.shutdown()
/// ```
public final class LoopbackServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    struct State {
        var requests: [RecordedRequest] = []
        var queue: [CannedResponse] = []
        var byPath: [String: [CannedResponse]] = [:]
        var fallback: CannedResponse = .ok
        var fallbackByPath: [String: CannedResponse] = [:]
    }

    private init(port: Int, channel: any Channel, state: NIOLockedValueBox<State>) {
        self.port = port
        self.channel = channel
        self.state = state
    }

    /// Starts a server on 127.0.0.1 and a free port.
    public static func start() async throws -> LoopbackServer {
        let state = NIOLockedValueBox(State())
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(RecordingHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw HTTPTransportError(.connection, "the loopback server has no port")
        }
        return LoopbackServer(port: port, channel: channel, state: state)
    }

    /// `http://127.0.0.1:PORT`, to use as a connection's `baseURL`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLockedValue { $0.requests } }

    /// The requests received so far for `path` (without query).
    public func requests(to path: String) -> [RecordedRequest] {
        requests.filter { $0.path == path }
    }

    /// Queues `responses` for the next requests; with `path`, only for requests to that path
    /// (per-path queues go first). When the queues are empty the fallback answers.
    public func enqueue(_ responses: CannedResponse..., path: String? = nil) {
        state.withLockedValue { state in
            if let path { state.byPath[path, default: []] += responses } else { state.queue += responses }
        }
    }

    /// The answer once the queues are empty (default `200 {}`), for every path or for one.
    public func setFallback(_ response: CannedResponse, path: String? = nil) {
        state.withLockedValue { state in
            if let path { state.fallbackByPath[path] = response } else { state.fallback = response }
        }
    }

    /// Forgets recorded requests and queued responses.
    public func reset() {
        state.withLockedValue { $0 = State() }
    }

    /// Stops listening and closes the server socket.
    public func shutdown() async throws {
        try await channel.close()
    }
}

/// Collects one request (head, body, end), records it and plays the next canned response.
private final class RecordingHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    // Only touched on the channel's event loop.
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private let state: NIOLockedValueBox<LoopbackServer.State>

    init(state: NIOLockedValueBox<LoopbackServer.State>) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            var headers = HTTPHeaders()
            for field in head.headers { headers.add(field.name, field.value) }
            let request = RecordedRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
            let response = state.withLockedValue { state -> CannedResponse in
                state.requests.append(request)
                if var queue = state.byPath[request.path], !queue.isEmpty {
                    let next = queue.removeFirst()
                    state.byPath[request.path] = queue
                    return next
                }
                if !state.queue.isEmpty { return state.queue.removeFirst() }
                return state.fallbackByPath[request.path] ?? state.fallback
            }
            let keepAlive = head.isKeepAlive
            if response.delay > .zero {
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let nanoseconds = response.delay.components.seconds * 1_000_000_000 + response.delay.components.attoseconds / 1_000_000_000
                context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                    let (handler, context) = loopBound.value
                    handler.play(response, keepAlive: keepAlive, context: context)
                }
            } else {
                play(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func play(_ response: CannedResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        switch response.behaviour {
        case .close:
            context.close(promise: nil)
        case .answer(let status, let headers, let body):
            var head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status))
            for field in headers { head.headers.add(name: field.name, value: field.value) }
            head.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
            if !keepAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            if !body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            }
            let sent = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                sent.whenComplete { _ in loopBound.value.close(promise: nil) }
            }
        }
    }
}
