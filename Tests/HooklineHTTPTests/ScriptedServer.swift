import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A loopback server that answers each request with bytes a test scripts (chunked bodies,
/// close-delimited bodies, informational responses, ...), optionally over TLS, and counts the
/// connections it accepted.
final class ScriptedServer: Sendable {
    /// A request as it arrived: the head's text and the body.
    struct Request: Sendable {
        var head: String
        var body: [UInt8]
        var method: Substring { head.prefix { $0 != " " } }
    }

    /// What to send back, after how long, and whether to close the connection afterwards.
    struct Reply: Sendable {
        var bytes: [UInt8]
        var close: Bool
        var delay: TimeAmount

        init(_ text: String, close: Bool = false, delay: TimeAmount = .zero) {
            self.bytes = Array(text.utf8)
            self.close = close
            self.delay = delay
        }

        /// No answer at all; the connection stays open.
        static let silence = Reply("")
    }

    let port: Int
    private let channel: any Channel
    private let accepted: NIOLockedValueBox<Int>

    /// Connections accepted so far.
    var connections: Int { accepted.withLockedValue { $0 } }

    private init(port: Int, channel: any Channel, accepted: NIOLockedValueBox<Int>) {
        self.port = port
        self.channel = channel
        self.accepted = accepted
    }

    static func start(tls: NIOSSLContext? = nil, reply: @escaping @Sendable (Request) -> Reply) async throws -> ScriptedServer {
        let accepted = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.withLockedValue { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(ScriptedConnection(reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedServer(port: channel.localAddress?.port ?? 0, channel: channel, accepted: accepted)
    }

    func shutdown() async throws {
        try await channel.close()
    }
}

/// One connection of a ``ScriptedServer``: splits the byte stream into requests (head, then a
/// `Content-Length` body) and writes the scripted reply to each.
private final class ScriptedConnection: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let reply: @Sendable (ScriptedServer.Request) -> ScriptedServer.Reply
    private let received = NIOLockedValueBox<[UInt8]>([])

    init(reply: @escaping @Sendable (ScriptedServer.Request) -> ScriptedServer.Reply) {
        self.reply = reply
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        var requests: [ScriptedServer.Request] = []
        received.withLockedValue { pending in
            pending += bytes
            while let request = Self.takeRequest(from: &pending) { requests.append(request) }
        }
        let channel = context.channel
        for request in requests {
            let answer = reply(request)
            if answer.bytes.isEmpty && !answer.close { continue }
            channel.eventLoop.scheduleTask(in: answer.delay) {
                let sent = channel.writeAndFlush(channel.allocator.buffer(bytes: answer.bytes))
                if answer.close { sent.whenComplete { _ in channel.close(promise: nil) } }
            }
        }
    }

    /// The first whole request in `pending`, removed from it.
    private static func takeRequest(from pending: inout [UInt8]) -> ScriptedServer.Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = pending.indices.dropLast(3).first(where: { Array(pending[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: pending[..<end], as: UTF8.self)
        var length = 0
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let bodyStart = end + 4
        guard pending.count >= bodyStart + length else { return nil }
        let body = Array(pending[bodyStart..<bodyStart + length])
        pending.removeFirst(bodyStart + length)
        return ScriptedServer.Request(head: head, body: body)
    }
}
