import ConnectorKit
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `POST /hooks/{flow}` on the connection's event loop, in the channel pipeline ahead of
/// Hummingbird: the webhook goes from the event loop to the store's writer and its answer back,
/// with no turn on Swift's pool and none of Hummingbird's per-request machinery (async streams,
/// request and response values) — under load these cost as much as the ingest itself.
///
/// Every other request, and a webhook that arrives while Hummingbird still has a request on this
/// connection to answer, goes on to Hummingbird unchanged (its router has the same route). The
/// handler keeps HTTP/1.1's order: requests pipelined behind a webhook wait (and no more is read)
/// until its answer is written. It answers as Hummingbird would: 413 as soon as the body is over
/// the limit (the rest of it is read and dropped), the same JSON bodies and `Date`/`Server`
/// headers, the connection closed after a request that says `Connection: close`, and on a
/// graceful shutdown once the webhook in hand is answered.
///
/// Hummingbird's connection-state handler, behind this one, never sees these webhooks: were an
/// idle timeout set on the server (none is), it would have to learn of them first.
final class WebhookChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The answer to a webhook, made on the event loop.
    typealias Answer = @Sendable () -> WebhookIngest.Reply
    /// Takes a webhook (flow id, request fields, body): returns its answer now, or nil and calls
    /// `later` exactly once, on any thread, with the answer to make on the event loop.
    typealias Receive = @Sendable (_ flow: String, _ fields: HTTPFields, _ body: [UInt8],
                                   _ later: @escaping @Sendable (@escaping Answer) -> Void) -> WebhookIngest.Reply?

    private let receive: Receive
    private let maxBody: Int
    private let serverName: String

    private enum Phase {
        /// Reading the body.
        case collecting(flow: String, fields: HTTPFields, body: ByteBuffer?)
        /// Answered already (413): dropping the rest of the body.
        case discarding
        /// Waiting for the answer; what arrives meanwhile waits in `queued`.
        case answering
    }

    /// The webhook in hand, and whether to close the connection once it is answered.
    private var webhook: (phase: Phase, close: Bool)?
    /// Requests passed to Hummingbird whose answers it has not finished writing.
    private var forwardedOpen = 0
    /// Whether a request passed to Hummingbird is still being read.
    private var forwardedReading = false
    /// Parts read while a webhook waits for its answer (pipelined requests).
    private var queued = CircularBuffer<HTTPRequestPart>()
    private var heldRead = false
    private var heldError: (any Error)?
    /// The peer closed its side (or Hummingbird's task was cancelled) while a webhook waited for its
    /// answer: passed on after it, or Hummingbird would end the connection before the answer.
    private var heldInputClosed = false
    /// Whether `queued` is being worked through (an answer made at once must not start another pass).
    private var replaying = false
    /// Whether a part went on to Hummingbird during that pass (it takes reads in on "read complete").
    private var forwardedWhileReplaying = false
    private var context: ChannelHandlerContext?

    init(maxBody: Int, serverName: String = "hookline", receive: @escaping Receive) {
        self.maxBody = maxBody
        self.serverName = serverName
        self.receive = receive
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    private var isAnswering: Bool {
        if case .answering? = webhook?.phase { return true }
        return false
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if isAnswering || !queued.isEmpty {
            queued.append(part)
        } else {
            handle(part, context: context)
        }
    }

    private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            if forwardedOpen == 0, !forwardedReading, WebhookPath.carriesEvents(head.method), let path = head.path,
               let flow = WebhookPath.flowID(inPath: path) {
                begin(flow: flow, head: head, context: context)
            } else {
                forwardedOpen += 1
                forwardedReading = true
                forward(part, context: context)
            }
        case .body(let buffer):
            guard let close = webhook?.close else { return forward(part, context: context) }
            guard case .collecting(let flow, let fields, var body)? = webhook?.phase else { return }
            // The phase lets go of the body first, so appending does not copy it.
            webhook?.phase = .discarding
            if (body?.readableBytes ?? 0) + buffer.readableBytes > maxBody {
                write(.error(413, "the body is over the \(maxBody)-byte limit"), close: close, closeNow: false, context: context)
                return
            }
            if body == nil {
                body = buffer
            } else {
                var more = buffer
                body!.writeBuffer(&more)
            }
            self.webhook?.phase = .collecting(flow: flow, fields: fields, body: body)
        case .end:
            guard let webhook else {
                forwardedReading = false
                return forward(part, context: context)
            }
            switch webhook.phase {
            case .collecting(let flow, let fields, let body):
                self.webhook?.phase = .answering
                answer(flow: flow, fields: fields, body: body, context: context)
            case .discarding:
                // Answered (413); closed only now that the body is read, or the unread rest of it
                // would make the kernel reset the connection, and the client might not see the answer.
                self.webhook = nil
                if webhook.close { context.close(promise: nil) }
            case .answering:
                break
            }
        }
    }

    private func begin(flow: String, head: HTTPTypes.HTTPRequest, context: ChannelHandlerContext) {
        let close = head.headerFields.contains { $0.name == .connection && Self.isClose($0.value) }
        webhook = (.collecting(flow: flow, fields: head.headerFields, body: nil), close)
        if let field = head.headerFields.first(where: { $0.name == .contentLength }), let length = Int(field.value), length > maxBody {
            webhook?.phase = .discarding
            write(.error(413, "the body is \(length) bytes; the limit is \(maxBody)"), close: close, closeNow: false, context: context)
        }
    }

    private func forward(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        if replaying { forwardedWhileReplaying = true }
        context.fireChannelRead(wrapInboundOut(part))
    }

    private func answer(flow: String, fields: HTTPFields, body: ByteBuffer?, context: ChannelHandlerContext) {
        let bytes = body.map { Array($0.readableBytesView) } ?? []
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let now = receive(flow, fields, bytes) { answer in
            handler.eventLoop.execute { handler.value.answered(answer()) }
        }
        if let now { answered(now) }
    }

    /// The webhook's answer is ready: written, then what waited behind it goes on.
    private func answered(_ reply: WebhookIngest.Reply) {
        guard let context, let webhook else { return }
        self.webhook = nil
        write(reply, close: webhook.close, context: context)
        if webhook.close {
            queued.removeAll()
            return
        }
        guard !replaying else { return }
        replaying = true
        while !isAnswering, let part = queued.popFirst() {
            handle(part, context: context)
        }
        replaying = false
        if forwardedWhileReplaying {
            forwardedWhileReplaying = false
            context.fireChannelReadComplete()
        }
        if !isAnswering {
            if let error = heldError {
                heldError = nil
                context.fireErrorCaught(error)
            }
            if heldInputClosed {
                heldInputClosed = false
                context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            }
            if heldRead {
                heldRead = false
                context.read()
            }
        }
    }

    /// Writes an answer; `close` says `Connection: close`, and closes the connection after it
    /// unless `closeNow` is false (the request's body is still coming).
    private func write(_ reply: WebhookIngest.Reply, close: Bool, closeNow: Bool = true, context: ChannelHandlerContext) {
        let body = ByteBuffer(string: reply.body.serialized())
        var fields = HTTPFields()
        fields.reserveCapacity(close ? 5 : 4)
        fields[.contentType] = "application/json"
        fields[.contentLength] = String(body.readableBytes)
        fields[.date] = HTTPDate.now()
        fields[.server] = serverName
        if close { fields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: reply.status), headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        // As Hummingbird's own connection handler does: what was flushed goes out before the close.
        if close && closeNow { context.close(promise: nil) }
    }

    /// Whether a `Connection` field's value has the `close` option.
    static func isClose(_ value: String) -> Bool {
        value.split(separator: ",").contains { $0.filter { $0 != " " && $0 != "\t" }.lowercased() == "close" }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // A graceful shutdown: Hummingbird closes an idle connection at once, and it sees none of
        // ours, so the webhook in hand is answered first, then the connection is closed.
        if event is ChannelShouldQuiesceEvent, let webhook {
            if case .discarding = webhook.phase {
                context.close(promise: nil)
            } else {
                self.webhook?.close = true
                queued.removeAll()
            }
            return
        }
        if case ChannelEvent.inputClosed? = event as? ChannelEvent, isAnswering || !queued.isEmpty {
            heldInputClosed = true
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let webhook else { return context.fireErrorCaught(error) }
        switch webhook.phase {
        case .answering:
            // Hummingbird answers a parse error (400) and closes: after the webhook's answer.
            heldError = heldError ?? error
        case .collecting, .discarding:
            // The webhook's own request is malformed: answered here, as Hummingbird would.
            self.webhook = nil
            var fields = HTTPFields()
            fields[.connection] = "close"
            fields[.contentLength] = "0"
            context.write(wrapOutboundOut(.head(HTTPResponse(status: .badRequest, headerFields: fields))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.close(promise: nil)
        }
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Hummingbird's answer to a parse error has no request behind it.
        if case .end = unwrapOutboundIn(data) { forwardedOpen = max(0, forwardedOpen - 1) }
        context.write(data, promise: promise)
    }

    func read(context: ChannelHandlerContext) {
        // Nothing more is read while a webhook waits for its answer (what was read waits too).
        if isAnswering {
            heldRead = true
        } else {
            context.read()
        }
    }
}
