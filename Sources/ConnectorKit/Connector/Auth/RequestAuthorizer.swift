/// Puts a connection's credentials on requests: the scheme's header plus the connection's
/// custom headers. For OAuth it fetches and caches tokens through an ``OAuthTokenCache``.
struct RequestAuthorizer: Sendable {
    let connection: Connection
    let tokens: OAuthTokenCache
    let transport: any HTTPTransport
    let timeout: Duration

    /// `request` with its credentials, and the OAuth token used (`nil` for other schemes).
    /// - Parameter rejected: an OAuth token a server refused (401): a new one is used instead.
    func authorize(_ request: HTTPRequest, rejecting rejected: Secret? = nil) async throws(ConnectorError) -> (request: HTTPRequest, token: Secret?) {
        var request = request
        for header in connection.headers { request.headers.replace(header.name, header.value.exposed) }
        switch connection.auth {
        case .none:
            break
        case .apiKeyHeader(let name):
            request.headers.replace(name, try connection.credential("apiKey").exposed)
        case .rawAuthorization:
            request.headers.replace("Authorization", try connection.credential("apiKey").exposed)
        case .basic:
            if let token = connection.credentials["token"], !token.exposed.isEmpty {
                request.headers.replace("Authorization", "Basic " + token.exposed)
            } else {
                let pair = try connection.credential("username").exposed + ":" + (connection.credentials["password"]?.exposed ?? "")
                request.headers.replace("Authorization", "Basic " + Base64.encode(pair.utf8))
            }
        case .bearer:
            request.headers.replace("Authorization", "Bearer " + (try connection.credential("token").exposed))
        case .oauth2ClientCredentials:
            let token: Secret
            do {
                token = try await tokens.token(rejecting: rejected) { try await fetchToken() }
            } catch let error as ConnectorError {
                throw error
            } catch {
                throw ConnectorError(.retryable, code: "oauth_token", message: "fetching the OAuth token failed: \(error)")
            }
            request.headers.replace("Authorization", "Bearer " + token.exposed)
            return (request, token)
        }
        return (request, nil)
    }

    /// POSTs the client credentials to the token URL; returns the token and its lifetime.
    private func fetchToken() async throws(ConnectorError) -> (Secret, Duration) {
        guard let tokenURL = connection.settings["tokenURL"], !tokenURL.isEmpty else {
            throw .configuration("OAuth 2.0 client credentials need a 'tokenURL'")
        }
        var fields = [("client_id", try connection.credential("clientId").exposed),
                      ("client_secret", try connection.credential("clientSecret").exposed),
                      ("grant_type", "client_credentials")]
        if let scope = connection.settings["scope"], !scope.isEmpty { fields.append(("scope", scope)) }
        var request = HTTPRequest.form(.post, tokenURL, fields)
        request.headers.replace("Accept", "application/json")
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout)
        } catch {
            throw ConnectorError(error.isRetryable ? .retryable : .permanent, code: "oauth_token",
                                 message: "the token endpoint could not be reached: \(error.detail)")
        }
        guard response.isSuccess else {
            var failure = ConnectorError.from(response, to: request)
            failure.code = "oauth_token"
            failure.message = "the token endpoint answered \(response.status)"
            // A refused client is a credentials problem, not one a retry fixes.
            if response.status == 400 || response.status == 401 || response.status == 403 { failure.kind = .authentication }
            throw failure.redacting(connection.secrets.map(\.exposed))
        }
        guard let token = response.json?["access_token"]?.stringValue, !token.isEmpty else {
            throw ConnectorError(.permanent, code: "oauth_token", message: "the token endpoint's answer has no access_token",
                                 status: response.status)
        }
        let lifetime: Duration = switch response.json?["expires_in"] {
        case .integer(let seconds)?: .seconds(max(0, seconds))
        case .string(let text)?: Int64(text).map { .seconds(max(0, $0)) } ?? OAuthTokenCache.maximumLifetime
        case .number(let number)? where number.doubleValue.isFinite: .seconds(min(max(0, number.doubleValue), 1e9))
        default: OAuthTokenCache.maximumLifetime
        }
        return (Secret(token), lifetime)
    }
}
