import ConnectorKit
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOTLS
import Synchronization

/// The last handler of a pooled HTTP/1.1 connection: writes one request at a time and collects its
/// response (body cut at a limit), fails the exchange on timeout, error, cancellation or early
/// close, and closes the connection after it has been idle too long.
///
/// One handler per channel. All state but ``isClosing`` is touched on the channel's event loop
/// only (``begin`` and ``cancel`` are called there), hence the unchecked `Sendable`.
final class HTTP1ExchangeHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Set once the connection is closing or closed (readable from any thread): a TLS connection
    /// stays active while it waits for the peer's close_notify, but must not be handed out.
    let isClosing = Atomic<Bool>(false)

    private let endpoint: HTTP1Endpoint
    private let idleTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<HTTP1Exchange>?
    /// Numbers the exchanges, so a late timer or write failure cannot touch a later exchange.
    private var exchangeNumber = 0
    private var timeout: Scheduled<Void>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var maxBodyBytes = 0
    private var requestAsksToClose = false
    private var requestWritten = false
    private var handshakeDone: Bool
    private var lastUsed = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    /// Why the connection failed, once it has (a TLS handshake can fail before the first request).
    private var failure: HTTPTransportError?

    init(endpoint: HTTP1Endpoint, idleTimeout: TimeAmount) {
        self.endpoint = endpoint
        self.idleTimeout = idleTimeout
        self.handshakeDone = !endpoint.usesTLS
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        isClosing.store(true, ordering: .relaxed)
        fail(failure ?? HTTP1TransportErrors.closedEarly)
        idleCheck?.cancel()
        self.context = nil
    }

    /// Sends `head` and `body`; `promise` gets the response. On the channel's event loop.
    /// A connection that can no longer carry a request fails the promise with ``HTTP1NotStarted``
    /// (nothing was sent, so the caller may use another connection).
    func begin(head requestHead: HTTPRequestHead, body requestBody: [UInt8]?, deadline: NIODeadline, maxBodyBytes: Int,
               promise: EventLoopPromise<HTTP1Exchange>) {
        guard let context, context.channel.isActive, !isClosing.load(ordering: .relaxed), failure == nil, pending == nil else {
            promise.fail(HTTP1NotStarted(reason: failure ?? HTTP1TransportErrors.closedEarly))
            return
        }
        context.eventLoop.assertInEventLoop()
        exchangeNumber &+= 1
        let number = exchangeNumber
        pending = promise
        head = nil
        body = nil
        self.maxBodyBytes = maxBodyBytes
        requestAsksToClose = !requestHead.isKeepAlive
        requestWritten = false
        timeout = context.eventLoop.scheduleTask(deadline: deadline) { [self] in
            guard number == exchangeNumber, pending != nil, let context = self.context else { return }
            fail(HTTP1TransportErrors.timeout)
            close(context)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { [self] result in
            guard number == exchangeNumber else { return }
            switch result {
            case .success:
                requestWritten = true
            case .failure(let error):
                guard let context = self.context else { return }
                fail(classify(error))
                close(context)
            }
        }
        context.write(wrapOutboundOut(.head(requestHead)), promise: nil)
        if let requestBody, !requestBody.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: requestBody)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }

    /// Ends the exchange in progress as cancelled and closes the connection. On the event loop.
    func cancel() {
        fail(HTTP1TransportErrors.cancelled)
        if let context { close(context) }
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
            // A response that came before the request was fully written leaves the connection's
            // state unknown (the server may not read the rest): it is not reused.
            let reusable = responseHead.isKeepAlive && !requestAsksToClose && requestWritten && !isClosing.load(ordering: .relaxed)
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
                close(context)
            }
            promise.succeed(HTTP1Exchange(response: ConnectorKit.HTTPResponse(status: Int(responseHead.status.code), headers: headers, body: bytes),
                                          reusable: reusable))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { handshakeDone = true }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosing.store(true, ordering: .relaxed)
        fail(failure ?? HTTP1TransportErrors.closedEarly)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A peer closing without TLS close_notify: the connection is ending anyway. A response
        // framed by the close still completes (the decoder ends it when the channel goes
        // inactive); one cut short fails there as a closed connection.
        if let error = error as? NIOSSLError, case .uncleanShutdown = error { return }
        let mapped = classify(error)
        if failure == nil { failure = mapped }
        fail(mapped)
        close(context)
    }

    /// The error as the runner should see it: `tls` only for a failed handshake (certificate,
    /// host name, protocol), not for a connection dropped during or after it.
    private func classify(_ error: any Error) -> HTTPTransportError {
        HTTP1TransportErrors.map(error, endpoint: endpoint, duringHandshake: !handshakeDone)
    }

    /// Fails the exchange in progress, if any.
    private func fail(_ error: HTTPTransportError) {
        timeout?.cancel()
        timeout = nil
        guard let promise = pending else { return }
        pending = nil
        promise.fail(error)
    }

    private func close(_ context: ChannelHandlerContext) {
        isClosing.store(true, ordering: .relaxed)
        context.close(promise: nil)
    }

    /// A response nobody asked for: the connection's state is unknown, so it is closed.
    private func unsolicited(_ context: ChannelHandlerContext) {
        fail(HTTPTransportError(.connection, "\(endpoint.description) sent a response out of turn"))
        close(context)
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
            close(context)
        }
    }
}

/// A connection could not start an exchange (it had closed or failed); nothing was sent.
struct HTTP1NotStarted: Error {
    var reason: HTTPTransportError
}
