/// What a connector needs to connect: the authentication schemes it accepts, its base URL
/// (and named alternatives such as Iterable's EU data center), and how to test a connection.
public struct ConnectionSpec: Sendable, Hashable {
    /// The schemes a connection may choose; the first is the default.
    public var auth: [AuthScheme]
    /// The base URL used when a connection names neither a region nor a `baseURL`.
    public var baseURL: String
    /// Whether every connection must give its own `baseURL` (a generic HTTP connector has no
    /// sensible default); ``baseURL`` is then only a placeholder that is never used.
    public var requiresBaseURL: Bool
    /// Named base URLs (`eu` → `https://api.eu.iterable.com`).
    public var regions: [String: String]
    /// A cheap request proving the credentials work; `nil` when the API has none.
    public var test: ConnectionTest?

    public init(auth: [AuthScheme], baseURL: String, regions: [String: String] = [:], test: ConnectionTest? = nil,
                requiresBaseURL: Bool = false) {
        precondition(!auth.isEmpty, "a connection spec accepts at least one auth scheme")
        self.auth = auth
        self.baseURL = baseURL
        self.requiresBaseURL = requiresBaseURL
        self.regions = regions
        self.test = test
    }

    /// A connection with no credentials, for public endpoints.
    public static func none(baseURL: String) -> ConnectionSpec {
        ConnectionSpec(auth: [.none], baseURL: baseURL)
    }
}

/// A request that succeeds (2xx) only when the credentials are good.
public struct ConnectionTest: Sendable, Hashable {
    public var method: HTTPMethod
    /// Relative to the connection's base URL (`api/channels`).
    public var path: String

    public init(_ method: HTTPMethod = .get, _ path: String) {
        self.method = method
        self.path = path
    }
}
