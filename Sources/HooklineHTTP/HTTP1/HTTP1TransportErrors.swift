import ConnectorKit
import NIOCore
import NIOPosix
import NIOSSL

/// NIO's and NIOSSL's errors as ``HTTPTransportError``s.
enum HTTP1TransportErrors {
    static let timeout = HTTPTransportError(.timeout, "no response within the timeout")
    static let closedEarly = HTTPTransportError(.connection, "the connection closed before a full response")
    static let cancelled = HTTPTransportError(.connection, "the request was cancelled")

    static func map(_ error: any Error, endpoint: HTTP1Endpoint) -> HTTPTransportError {
        switch error {
        case let error as HTTPTransportError:
            return error
        case ChannelError.connectTimeout:
            return timeout
        case let error as NIOSSLError:
            return HTTPTransportError(.tls, "TLS with \(endpoint.description) failed: \(error)")
        case let error as NIOSSLExtraError:
            return HTTPTransportError(.tls, "TLS with \(endpoint.description) failed: \(error)")
        case let error as BoringSSLError:
            return HTTPTransportError(.tls, "TLS with \(endpoint.description) failed: \(error)")
        case let error as NIOConnectionError:
            let causes = (error.connectionErrors.map { "\($0.target): \($0.error)" } + [error.dnsAError, error.dnsAAAAError].compactMap { $0.map { "DNS: \($0)" } })
            return HTTPTransportError(.connection, "could not connect to \(endpoint.description)"
                + (causes.isEmpty ? "" : " (" + causes.joined(separator: "; ") + ")"))
        case let error as IOError:
            return HTTPTransportError(.connection, "\(endpoint.description): \(error)")
        default:
            return HTTPTransportError(.connection, "\(endpoint.description): \(error)")
        }
    }
}
