/// Why an action failed, typed so the runner knows what to do next:
/// retry later (``Kind-swift.enum/retryable``), refresh credentials and retry
/// (``Kind-swift.enum/authentication``), or stop (``Kind-swift.enum/permanent``).
///
/// A struct over a kind, so new details can be added without breaking users; ``code`` is a short
/// stable text for metrics and run logs.
public struct ConnectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the runner should do about the failure.
    public enum Kind: String, Sendable, Hashable {
        /// The same request may succeed later: 429, 502, 503, 504, timeouts, connection errors.
        case retryable
        /// The credentials were refused (401): refresh an OAuth token and retry, or stop.
        case authentication
        /// Retrying the same request cannot help: other 4xx, invalid input, bad configuration.
        case permanent
    }

    public var kind: Kind
    /// A short stable code: `http_503`, `timeout`, `connection`, `invalid_input`, ...
    public var code: String
    /// What happened, for people; never holds a secret.
    public var message: String
    /// The response status, when a response arrived.
    public var status: Int?
    /// The start of the response body, when a response arrived.
    public var bodyExcerpt: String?
    /// How long the server asked us to wait (`Retry-After`).
    public var retryAfter: Duration?

    public init(_ kind: Kind, code: String, message: String, status: Int? = nil, bodyExcerpt: String? = nil, retryAfter: Duration? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
        self.bodyExcerpt = bodyExcerpt
        self.retryAfter = retryAfter
    }

    /// Input the action cannot send (a rule of the API, a missing field): permanent.
    public static func invalidInput(_ message: String) -> ConnectorError {
        ConnectorError(.permanent, code: "invalid_input", message: message)
    }

    /// A configuration problem (a missing credential, a refused URL): permanent.
    public static func configuration(_ message: String) -> ConnectorError {
        ConnectorError(.permanent, code: "configuration", message: message)
    }

    /// The error for a non-2xx `response` to `request`, by Iterable's retry table:
    /// 429/502/503/504 retryable, 401 authentication, everything else permanent.
    public static func from(_ response: HTTPResponse, to request: HTTPRequest) -> ConnectorError {
        let kind: Kind = switch response.status {
        case 429, 502, 503, 504: .retryable
        case 401: .authentication
        default: .permanent
        }
        let path = (try? RequestURL(request.url)).map { $0.origin + $0.path } ?? "the endpoint"
        return ConnectorError(kind, code: "http_\(response.status)",
                              message: "\(request.method) \(path) answered \(response.status)",
                              status: response.status, bodyExcerpt: response.bodyExcerpt(), retryAfter: response.retryAfter)
    }

    /// The error for a request that got no response.
    public static func from(_ error: HTTPTransportError) -> ConnectorError {
        ConnectorError(error.isRetryable ? .retryable : .permanent, code: error.reason.rawValue, message: error.detail)
    }

    public var description: String {
        var text = "\(kind.rawValue) error (\(code)): \(message)"
        if let bodyExcerpt, !bodyExcerpt.isEmpty { text += " — body: \(bodyExcerpt)" }
        return text
    }
}
