/// What an action's `perform` works with: the connection, where to send requests, and a
/// ``send(_:)`` that authenticates, maps failures to ``ConnectorError`` and refreshes OAuth
/// tokens on 401.
public struct ActionContext: Sendable {
    public let connection: Connection
    /// The base URL requests go to (the connection's override, region or the spec's default).
    public let baseURL: RequestURL
    public let transport: any HTTPTransport
    /// The time a request may take before it counts as a (retryable) timeout.
    public var timeout: Duration
    /// Sent as `Idempotency-Key` on every request, stable per run and step, so receivers can
    /// dedupe retries. The runner sets it.
    public var idempotencyKey: String?
    /// Data of earlier steps and the trigger, for actions that read beyond their input.
    public var metadata: [String: String]
    private let authorizer: RequestAuthorizer

    /// How many times a 401 leads to a new OAuth token and another try.
    public static let oauthRefreshLimit = 3

    /// A context for `connection` of a connector with `spec`.
    ///
    /// `tokens` is the OAuth token cache of this connection: share it between contexts of the
    /// same connection so tokens are reused.
    public init(connection: Connection, spec: ConnectionSpec, transport: any HTTPTransport, tokens: OAuthTokenCache = OAuthTokenCache(),
                timeout: Duration = .seconds(10), idempotencyKey: String? = nil, metadata: [String: String] = [:]) throws(ConnectorError) {
        self.connection = connection
        self.baseURL = try connection.resolvedBaseURL(spec)
        self.transport = transport
        self.timeout = timeout
        self.idempotencyKey = idempotencyKey
        self.metadata = metadata
        self.authorizer = RequestAuthorizer(connection: connection, tokens: tokens, transport: transport, timeout: timeout)
    }

    /// The URL of `path` (segments separated by `/`) under the base URL, with `query` items.
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        baseURL.appendingPath(path).adding(query: query).description
    }

    /// Sends `request` with the connection's credentials and returns the 2xx response.
    ///
    /// A 401 under OAuth fetches a new token and tries again, up to ``oauthRefreshLimit`` times.
    /// - Throws: ``ConnectorError``: retryable (429, 502, 503, 504, timeouts, connection
    ///   errors), authentication (401) or permanent (other statuses, bad URLs).
    public func send(_ request: HTTPRequest) async throws(ConnectorError) -> HTTPResponse {
        var request = request
        if let idempotencyKey, !request.headers.contains("Idempotency-Key") {
            request.headers.replace("Idempotency-Key", idempotencyKey)
        }
        var refreshes = 0
        var rejected: Secret?
        while true {
            let (authorized, token) = try await authorizer.authorize(request, rejecting: rejected)
            let response: HTTPResponse
            do {
                response = try await transport.send(authorized, timeout: timeout)
            } catch {
                throw ConnectorError.from(error)
            }
            if response.isSuccess { return response }
            if response.status == 401, case .oauth2ClientCredentials = connection.auth, refreshes < Self.oauthRefreshLimit {
                refreshes += 1
                rejected = token
                continue
            }
            // An endpoint may echo the credentials it got (an echo service, a 400 quoting
            // the request): keep them out of the error.
            throw ConnectorError.from(response, to: request)
                .redacting(connection.secrets.map(\.exposed) + authorized.authorizationSecrets)
        }
    }

    /// Sends a JSON request to `path` under the base URL and returns the response's JSON
    /// (`null` for an empty body).
    /// - Throws: ``ConnectorError`` as ``send(_:)``, and permanent when a non-empty 2xx body is not JSON.
    public func sendJSON(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil) async throws(ConnectorError) -> JSONValue {
        let url = url(path, query: query)
        var request = body.map { HTTPRequest.json(method, url, $0) } ?? HTTPRequest(method: method, url: url)
        request.headers.replace("Accept", "application/json")
        return try Self.json(of: try await send(request), for: request)
    }

    /// The JSON of a 2xx `response` (`null` when the body is empty).
    public static func json(of response: HTTPResponse, for request: HTTPRequest) throws(ConnectorError) -> JSONValue {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw ConnectorError(.permanent, code: "bad_response", message: "\(request.method) answered \(response.status) with a body that is not JSON (\(error))",
                                 status: response.status, bodyExcerpt: response.bodyExcerpt())
        }
    }
}
