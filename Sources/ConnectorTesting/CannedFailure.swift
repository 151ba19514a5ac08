import ConnectorKit

/// A failure a connector must map to the right ``ConnectorError`` kind: a canned response
/// (or a hang, or a dropped connection) with the kind, code and `Retry-After` it must give.
///
/// ``standard`` is Iterable's retry table plus the transport failures; run every action
/// through it:
///
/// ```swift
/// @Test(arguments: CannedFailure.standard)
/// func failuresMapToTheirKind(_ failure: CannedFailure) async throws {
///     try await withConnectorTestKit(MyConnector(), connection: connection) { kit in
///         kit.server.enqueue(failure.response)
///         do {
///             _ = try await kit.run("my_action", input, timeout: CannedFailure.timeout)
///             Issue.record("\(failure) must fail")
///         } catch let error as ConnectorError {
///             #expect(failure.matches(error), "\(error)")
///         }
///     }
/// }
/// ```
public struct CannedFailure: Sendable, CustomStringConvertible {
    public var name: String
    public var response: CannedResponse
    public var kind: ConnectorError.Kind
    public var code: String
    public var retryAfter: Duration?

    public init(_ name: String, response: CannedResponse, kind: ConnectorError.Kind, code: String, retryAfter: Duration? = nil) {
        self.name = name
        self.response = response
        self.kind = kind
        self.code = code
        self.retryAfter = retryAfter
    }

    /// The client timeout to use with ``standard`` (its hang lasts far longer). Five seconds, so a
    /// loaded machine (CI, parallel tests) answers the other failures well within it.
    public static let timeout: Duration = .seconds(5)

    /// 400 permanent, 401 authentication, 429 with `Retry-After` retryable (delay kept),
    /// 502/503/504 retryable, a hang past the timeout and a closed connection retryable.
    public static let standard: [CannedFailure] = [
        CannedFailure("400", response: .status(400, body: #"{"error":"bad input"}"#), kind: .permanent, code: "http_400"),
        CannedFailure("401", response: .unauthorized, kind: .authentication, code: "http_401"),
        CannedFailure("429 with Retry-After", response: .tooManyRequests(retryAfter: 7), kind: .retryable, code: "http_429", retryAfter: .seconds(7)),
        CannedFailure("502", response: .status(502, body: "bad gateway"), kind: .retryable, code: "http_502"),
        CannedFailure("503", response: .unavailable, kind: .retryable, code: "http_503"),
        CannedFailure("504", response: .status(504, body: "gateway timeout"), kind: .retryable, code: "http_504"),
        CannedFailure("hang past the timeout", response: .hang(for: .seconds(20)), kind: .retryable, code: "timeout"),
        CannedFailure("closed connection", response: .closeConnection, kind: .retryable, code: "connection"),
    ]

    /// Whether `error` is what this failure must give.
    public func matches(_ error: ConnectorError) -> Bool {
        error.kind == kind && error.code == code && (retryAfter == nil || error.retryAfter == retryAfter)
    }

    public var description: String { name }
}
