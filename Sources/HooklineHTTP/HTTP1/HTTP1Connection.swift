import ConnectorKit
import NIOCore
import NIOHTTP1
import Synchronization

/// One HTTP/1.1 connection to an endpoint, carrying one exchange at a time. A class: it is
/// passed around per request, and copying its fields each time showed in profiles.
final class HTTP1Connection: Sendable {
    let channel: any Channel
    let endpoint: HTTP1Endpoint
    let handler: HTTP1ExchangeHandler

    init(channel: any Channel, endpoint: HTTP1Endpoint, handler: HTTP1ExchangeHandler) {
        self.channel = channel
        self.endpoint = endpoint
        self.handler = handler
    }

    /// The connection has not closed or begun closing (it may still close before the next write
    /// lands: ``exchange`` then fails with ``HTTP1NotStarted``).
    var isOpen: Bool { channel.isActive && !handler.isClosing.load(ordering: .relaxed) }


    /// Sends the request; the future gets the response or an ``HTTPTransportError`` (or
    /// ``HTTP1NotStarted``). One hop to the connection's event loop for the write.
    func exchange(head: HTTPRequestHead, body: [UInt8]?, deadline: NIODeadline, maxBodyBytes: Int) -> EventLoopFuture<HTTP1Exchange> {
        let promise = channel.eventLoop.makePromise(of: HTTP1Exchange.self)
        let handler = handler
        channel.eventLoop.execute {
            handler.begin(head: head, body: body, deadline: deadline, maxBodyBytes: maxBodyBytes, promise: promise)
        }
        return promise.futureResult
    }

    /// Fails the exchange in progress as cancelled, at once, and closes the connection.
    func cancel() {
        let handler = handler
        channel.eventLoop.execute { handler.cancel() }
    }

    /// Closes the connection; an exchange in progress fails.
    func close() {
        handler.isClosing.store(true, ordering: .relaxed)
        channel.close(promise: nil)
    }
}
