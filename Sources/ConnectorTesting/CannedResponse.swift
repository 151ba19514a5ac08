import ConnectorKit

/// What the ``LoopbackServer`` does with the next request: answer (optionally late), hang
/// past the client's timeout, or close the connection without answering.
public struct CannedResponse: Sendable, Hashable {
    enum Behaviour: Sendable, Hashable {
        case answer(status: Int, headers: HTTPHeaders, body: [UInt8])
        case close
    }

    let behaviour: Behaviour
    /// How long the server waits before acting.
    public var delay: Duration

    init(_ behaviour: Behaviour, delay: Duration = .zero) {
        self.behaviour = behaviour
        self.delay = delay
    }

    /// A response with `status`, `headers` and `body`.
    public static func status(_ status: Int, headers: HTTPHeaders = [:], body: String = "") -> CannedResponse {
        CannedResponse(.answer(status: status, headers: headers, body: Array(body.utf8)))
    }

    /// A JSON response.
    public static func json(_ status: Int = 200, _ body: JSONValue, headers: HTTPHeaders = [:]) -> CannedResponse {
        var headers = headers
        headers.replace("Content-Type", "application/json")
        return CannedResponse(.answer(status: status, headers: headers, body: Array(body.serialized().utf8)))
    }

    /// `200 OK` with an empty JSON object.
    public static let ok = json(200, [:])

    /// `429 Too Many Requests`, with `Retry-After` when given.
    public static func tooManyRequests(retryAfter seconds: Int? = nil) -> CannedResponse {
        status(429, headers: seconds.map { ["Retry-After": String($0)] } ?? [:], body: "rate limited")
    }

    /// `503 Service Unavailable`.
    public static let unavailable = status(503, body: "unavailable")

    /// `401 Unauthorized`.
    public static let unauthorized = status(401, body: "unauthorized")

    /// No answer for `duration` (longer than the client's timeout makes it a timeout), then `200`.
    public static func hang(for duration: Duration) -> CannedResponse {
        CannedResponse(.answer(status: 200, headers: [:], body: []), delay: duration)
    }

    /// The connection is closed without an answer.
    public static let closeConnection = CannedResponse(.close)

    /// This response, sent after `delay`.
    public func delayed(by delay: Duration) -> CannedResponse {
        CannedResponse(behaviour, delay: delay)
    }
}
