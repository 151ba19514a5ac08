import ConnectorKit

/// A finished request/response exchange on one connection.
struct HTTP1Exchange: Sendable {
    var response: ConnectorKit.HTTPResponse
    /// The connection may carry another request (HTTP/1.1 keep-alive, neither side asked to close).
    var reusable: Bool
}
