// BenchSink --port P [--host 127.0.0.1] [--threads N]
// The loopback sink of the e2e benchmark: the same API as BenchServer (every POST reads its
// whole body and answers 200 `{}`; `GET /stats`, `POST /stats/reset`), written on SwiftNIO's
// HTTP/1.1 pipeline alone. The sink shares the machine's cores with the runner it measures, so it
// should cost as little as it can: BenchServer's Hummingbird stack (its async request handling on
// Swift's thread pool) used ~38 µs of CPU per request at 10k requests/s on the benchmark's 2-core
// VM; this one answers on the event loop that read the request.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BenchTally
import NIOCore
import NIOHTTP1
import NIOPosix

/// Answers each request when its end arrives: counts POSTs, serves the stats endpoints.
final class SinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let empty = ByteBuffer(string: "{}")
    private let tally: Tally
    private var head: HTTPRequestHead?
    private var bodyBytes = 0

    init(tally: Tally) { self.tally = tally }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
        case .end:
            guard let head else { return }
            self.head = nil
            let body: ByteBuffer
            switch (head.method, head.uri) {
            case (.GET, "/stats"): body = ByteBuffer(string: tally.statsJSON())
            case (.POST, "/stats/reset"):
                tally.reset()
                body = Self.empty
            case (.POST, _):
                tally.record(bytes: bodyBytes, at: unixNow())
                body = Self.empty
            default:
                respond(context: context, status: .notFound, body: Self.empty, keepAlive: head.isKeepAlive)
                return
            }
            respond(context: context, status: .ok, body: body, keepAlive: head.isKeepAlive)
        }
    }

    private func respond(context: ChannelHandlerContext, status: HTTPResponseStatus, body: ByteBuffer, keepAlive: Bool) {
        var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", String(body.readableBytes))])
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let done = context.eventLoop.makePromise(of: Void.self)
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        }
    }
}

@main
struct BenchSink {
    static func main() throws {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        guard let port = option("--port").flatMap(Int.init) else {
            let usage = "usage: BenchSink --port P [--host 127.0.0.1] [--threads N]\n"
            _ = usage.withCString { write(2, $0, strlen($0)) }
            exit(2)
        }
        let host = option("--host") ?? "127.0.0.1"
        let threads = option("--threads").flatMap(Int.init) ?? System.coreCount
        let tally = Tally()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let channel = try ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SinkHandler(tally: tally))
                }
            }
            .bind(host: host, port: port)
            .wait()
        try channel.closeFuture.wait()
    }
}
