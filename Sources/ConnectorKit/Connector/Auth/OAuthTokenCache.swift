/// OAuth 2.0 client-credentials tokens for one connection: fetched on first use, reused until
/// `expires_in` runs out (at most ten days, as Iterable does), fetched again when asked (after a
/// 401). Concurrent requests share one fetch.
public actor OAuthTokenCache {
    private var token: Secret?
    private var expiry: ContinuousClock.Instant?
    private var pending: Task<(Secret, Duration), any Error>?
    /// How many tokens were fetched (for tests and metrics).
    public private(set) var fetchCount = 0

    /// The longest a token is kept when the server gives no `expires_in`, and the cap otherwise.
    public static let maximumLifetime: Duration = .seconds(10 * 24 * 3600)

    public init() {}

    /// A valid token, fetched with `fetch` when there is none, it expired, or it is `rejected`
    /// (the token a server just answered 401 to). When another request already replaced the
    /// rejected token, the replacement is returned without a new fetch, so concurrent 401s
    /// cost one fetch instead of one each (and do not revoke each other's fresh tokens).
    func token(rejecting rejected: Secret? = nil, fetch: @Sendable @escaping () async throws -> (Secret, Duration)) async throws -> Secret {
        if let token, let expiry, ContinuousClock.now < expiry, token != rejected { return token }
        if let pending { return try await pending.value.0 }
        let task = Task { try await fetch() }
        pending = task
        defer { pending = nil }
        let (fresh, lifetime) = try await task.value
        fetchCount += 1
        token = fresh
        expiry = ContinuousClock.now + min(lifetime, Self.maximumLifetime)
        return fresh
    }

    /// Forgets the token.
    public func invalidate() {
        token = nil
        expiry = nil
    }
}
