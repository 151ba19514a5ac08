import ConnectorKit
import NIOCore
import NIOPosix
import NIOSSL

/// NIO's and NIOSSL's errors as ``HTTPTransportError``s.
enum HTTP1TransportErrors {
    static let timeout = HTTPTransportError(.timeout, "no response within the timeout")
    static let closedEarly = HTTPTransportError(.connection, "the connection closed before a full response")
    static let cancelled = HTTPTransportError(.connection, "the request was cancelled")

    /// `duringHandshake`: the connection is TLS and its handshake has not completed. Only then is
    /// a TLS error a `tls` failure (certificate, host name, protocol: retrying will not help);
    /// the peer closing during the handshake, or any TLS error later, is a `connection` one.
    static func map(_ error: any Error, endpoint: HTTP1Endpoint, duringHandshake: Bool) -> HTTPTransportError {
        switch error {
        case let error as HTTPTransportError:
            return error
        case let error as HTTP1NotStarted:
            return error.reason
        case ChannelError.connectTimeout:
            return timeout
        case let error as NIOSSLError:
            if case .handshakeFailed(.sslError(let stack)) = error, stack.contains(.eofDuringHandshake) {
                return HTTPTransportError(.connection, "\(endpoint.description) closed the connection during the TLS handshake")
            }
            return tlsOrConnection(error, endpoint: endpoint, duringHandshake: duringHandshake)
        case let error as NIOSSLExtraError:
            return tlsOrConnection(error, endpoint: endpoint, duringHandshake: duringHandshake)
        case let error as BoringSSLError:
            return tlsOrConnection(error, endpoint: endpoint, duringHandshake: duringHandshake)
        case let error as NIOConnectionError:
            var causes: [String] = []
            // The A and AAAA lookups usually fail with the same message: said once.
            for cause in error.connectionErrors.map({ "\($0.target): \($0.error)" }) + [error.dnsAError, error.dnsAAAAError].compactMap({ $0.map { "DNS: \($0)" } })
            where !causes.contains(cause) {
                causes.append(cause)
            }
            return HTTPTransportError(.connection, "could not connect to \(endpoint.description)"
                + (causes.isEmpty ? "" : " (" + causes.joined(separator: "; ") + ")"))
        default:
            return HTTPTransportError(.connection, "\(endpoint.description): \(error)")
        }
    }

    private static func tlsOrConnection(_ error: any Error, endpoint: HTTP1Endpoint, duringHandshake: Bool) -> HTTPTransportError {
        duringHandshake
            ? HTTPTransportError(.tls, "TLS with \(endpoint.description) failed: \(error)")
            : HTTPTransportError(.connection, "\(endpoint.description): \(error)")
    }
}
