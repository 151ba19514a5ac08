/// The values of one connection: the chosen auth scheme, its credentials and settings, custom
/// headers, and where to send requests (a region or a `baseURL` override, e.g. a loopback
/// server in tests).
public struct Connection: Sendable, Hashable {
    public var auth: AuthScheme
    /// Credentials by name (`apiKey`, `username`, `password`, `token`, `clientId`, `clientSecret`).
    public var credentials: [String: Secret]
    /// Non-secret settings by name (`tokenURL`, `scope`).
    public var settings: [String: String]
    /// Headers added to every request (values may be secret: they are redacted like credentials).
    public var headers: [(name: String, value: Secret)]
    /// A region name from the spec's `regions`.
    public var region: String?
    /// Overrides the spec's base URL and any region.
    public var baseURL: String?

    public init(auth: AuthScheme = .none, credentials: [String: Secret] = [:], settings: [String: String] = [:],
                headers: [(name: String, value: Secret)] = [], region: String? = nil, baseURL: String? = nil) {
        self.auth = auth
        self.credentials = credentials
        self.settings = settings
        self.headers = headers
        self.region = region
        self.baseURL = baseURL
    }

    /// An API-key connection (header name or raw `Authorization` comes from the scheme).
    public static func apiKey(_ key: String, scheme: AuthScheme, baseURL: String? = nil) -> Connection {
        Connection(auth: scheme, credentials: ["apiKey": Secret(key)], baseURL: baseURL)
    }

    /// Every secret value this connection holds, for redaction: each credential, and the
    /// `user:password` pairs as Basic authentication sends them (base64), since a server may
    /// echo the header it got.
    public var secrets: [Secret] {
        var secrets = Array(credentials.values) + headers.map(\.value)
        for (user, password) in [("username", "password"), ("clientId", "clientSecret")] {
            guard let user = credentials[user]?.exposed, !user.isEmpty else { continue }
            secrets.append(Secret(Base64.encode((user + ":" + (credentials[password]?.exposed ?? "")).utf8)))
        }
        return secrets
    }

    /// The base URL requests go to: the override, else the region's, else the spec's.
    /// - Throws: ``ConnectorError`` (configuration) for an unknown region, a malformed URL, or
    ///   no `baseURL` when the spec ``ConnectionSpec/requiresBaseURL``.
    public func resolvedBaseURL(_ spec: ConnectionSpec) throws(ConnectorError) -> RequestURL {
        if spec.requiresBaseURL, baseURL == nil {
            throw .configuration("the connection has no baseURL; this connector sends requests only to the connection's baseURL (e.g. \"baseURL\": \"https://api.example.com/v1\")")
        }
        var text = spec.baseURL
        if let region {
            guard let regional = spec.regions[region] else {
                throw .configuration("unknown region '\(region)'; known: \(spec.regions.keys.sorted().joined(separator: ", "))")
            }
            text = regional
        }
        if let baseURL { text = baseURL }
        do {
            return try RequestURL(text)
        } catch {
            throw .configuration("base URL: \(error.detail)")
        }
    }

    /// The credential `name`, or a configuration error naming it.
    public func credential(_ name: String) throws(ConnectorError) -> Secret {
        guard let value = credentials[name], !value.exposed.isEmpty else {
            throw .configuration("the connection has no '\(name)' (needed by \(auth.name) authentication)")
        }
        return value
    }

    public static func == (lhs: Connection, rhs: Connection) -> Bool {
        lhs.auth == rhs.auth && lhs.credentials == rhs.credentials && lhs.settings == rhs.settings
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
            && lhs.region == rhs.region && lhs.baseURL == rhs.baseURL
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(auth)
        hasher.combine(credentials)
        hasher.combine(baseURL)
    }
}
