import ConnectorKit
import NIOCore
import NIOHTTP1

/// The last handler of a pooled HTTP/1.1 connection: writes one request at a time and collects its
/// response (body cut at a limit), fails the exchange on timeout, error or early close, and closes
/// the connection after it has been idle too long.
///
/// All state is touched on the channel's event loop only (`begin` is called there), hence the
/// unchecked `Sendable`.
final class HTTP1ExchangeHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let endpoint: HTTP1Endpoint
    private let idleTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<HTTP1Exchange>?
    private var timeout: Scheduled<Void>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var maxBodyBytes = 0
    private var requestAsksToClose = false
    private var lastUsed = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    /// Why the connection failed, once it has (a TLS handshake can fail before the first request).
    private var failure: HTTPTransportError?

    init(endpoint: HTTP1Endpoint, idleTimeout: TimeAmount) {
        self.endpoint = endpoint
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(failure ?? HTTP1TransportErrors.closedEarly)
        idleCheck?.cancel()
        self.context = nil
    }

    /// Sends `head` and `body`; `promise` gets the response. On the channel's event loop.
    func begin(head requestHead: HTTPRequestHead, body requestBody: [UInt8]?, deadline: NIODeadline, maxBodyBytes: Int,
               promise: EventLoopPromise<HTTP1Exchange>) {
        guard let context, context.channel.isActive, failure == nil, pending == nil else {
            promise.fail(failure ?? HTTP1TransportErrors.closedEarly)
            return
        }
        pending = promise
        head = nil
        body = nil
        self.maxBodyBytes = maxBodyBytes
        requestAsksToClose = !requestHead.isKeepAlive
        timeout = context.eventLoop.scheduleTask(deadline: deadline) { [self] in
            guard let context = self.context else { return }
            fail(HTTP1TransportErrors.timeout)
            context.close(promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { [self] error in
            guard let context = self.context else { return }
            fail(HTTP1TransportErrors.map(error, endpoint: endpoint))
            context.close(promise: nil)
        }
        context.write(wrapOutboundOut(.head(requestHead)), promise: nil)
        if let requestBody, !requestBody.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: requestBody)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            guard pending != nil else { return unsolicited(context) }
            head = responseHead
        case .body(var part):
            guard pending != nil else { return unsolicited(context) }
            let room = maxBodyBytes - (body?.readableBytes ?? 0)
            if room <= 0 { return }
            if part.readableBytes > room { part = part.getSlice(at: part.readerIndex, length: room) ?? part }
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            guard let promise = pending, let responseHead = head else { return unsolicited(context) }
            pending = nil
            timeout?.cancel()
            timeout = nil
            let reusable = responseHead.isKeepAlive && !requestAsksToClose
            var headers = ConnectorKit.HTTPHeaders()
            for field in responseHead.headers { headers.add(field.name, field.value) }
            var bytes: [UInt8] = []
            if var collected = body { bytes = collected.readBytes(length: collected.readableBytes) ?? [] }
            head = nil
            body = nil
            if reusable {
                lastUsed = .now()
                if idleCheck == nil { scheduleIdleCheck(context, at: lastUsed + idleTimeout) }
            } else {
                context.close(promise: nil)
            }
            promise.succeed(HTTP1Exchange(response: ConnectorKit.HTTPResponse(status: Int(responseHead.status.code), headers: headers, body: bytes),
                                          reusable: reusable))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(failure ?? HTTP1TransportErrors.closedEarly)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let mapped = HTTP1TransportErrors.map(error, endpoint: endpoint)
        if failure == nil { failure = mapped }
        fail(mapped)
        context.close(promise: nil)
    }

    /// Fails the exchange in progress, if any.
    private func fail(_ error: HTTPTransportError) {
        timeout?.cancel()
        timeout = nil
        guard let promise = pending else { return }
        pending = nil
        promise.fail(error)
    }

    /// A response nobody asked for: the connection's state is unknown, so it is closed.
    private func unsolicited(_ context: ChannelHandlerContext) {
        fail(HTTPTransportError(.connection, "\(endpoint.description) sent a response out of turn"))
        context.close(promise: nil)
    }

    /// Closes the connection once it has been idle for `idleTimeout`; under steady use this runs
    /// once per `idleTimeout`, not per request.
    private func scheduleIdleCheck(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        idleCheck = context.eventLoop.scheduleTask(deadline: deadline) { [self] in
            idleCheck = nil
            guard let context = self.context else { return }
            if pending != nil { return scheduleIdleCheck(context, at: .now() + idleTimeout) }
            let idleUntil = lastUsed + idleTimeout
            if idleUntil > .now() { return scheduleIdleCheck(context, at: idleUntil) }
            context.close(promise: nil)
        }
    }
}
