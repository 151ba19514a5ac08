/// Sends HTTP requests. ConnectorKit defines it; the runtime implements it (pooled, with TLS),
/// and tests use the same implementation against a loopback server.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: ``HTTPTransportError`` when no response arrived (connection refused or reset,
    ///   DNS, TLS, or no answer within `timeout`).
    func send(_ request: HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> HTTPResponse
}

/// No response arrived for a request.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why no response arrived.
    public enum Reason: String, Sendable, Hashable {
        /// Connecting failed, or the connection closed before a full response.
        case connection
        /// No full response within the timeout.
        case timeout
        /// The URL is not a valid absolute http(s) URL.
        case invalidURL
        /// The TLS handshake failed (certificate, protocol).
        case tls
        /// The request cannot be sent as it is (a header name or value HTTP does not allow).
        case invalidRequest
    }

    public var reason: Reason
    /// What the transport said, without secrets.
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// Connection problems and timeouts may pass; a bad URL, a bad request or a TLS failure will not.
    public var isRetryable: Bool { reason == .connection || reason == .timeout }

    public var description: String { "\(reason.rawValue): \(detail)" }
}
