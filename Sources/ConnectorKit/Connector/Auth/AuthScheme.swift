/// How a connection proves who it is.
public enum AuthScheme: Sendable, Hashable {
    /// No credentials.
    case none
    /// An API key in a header of this name (`Api-Key` for Iterable, `x-api-key` for Cloutly).
    case apiKeyHeader(name: String)
    /// The API key as the whole `Authorization` header, no prefix (Regal).
    case rawAuthorization
    /// `Authorization: Basic ...`: from `username` and `password`, or a ready `token` sent as given.
    case basic
    /// `Authorization: Bearer <token>`.
    case bearer
    /// OAuth 2.0 client credentials: a token fetched from `tokenURL` (form POST of `client_id`,
    /// `client_secret`, `grant_type=client_credentials`), cached until it expires, refetched on 401.
    case oauth2ClientCredentials

    /// The name used in connection files and `connectors describe`.
    public var name: String {
        switch self {
        case .none: "none"
        case .apiKeyHeader: "api-key"
        case .rawAuthorization: "authorization"
        case .basic: "basic"
        case .bearer: "bearer"
        case .oauth2ClientCredentials: "oauth2-client-credentials"
        }
    }

    /// The credential members a connection with this scheme takes, and whether each is required.
    public var credentialFields: [FieldSchema] {
        switch self {
        case .none:
            []
        case .apiKeyHeader, .rawAuthorization:
            [FieldSchema(name: "apiKey", type: .string, label: "API key")]
        case .basic:
            [FieldSchema(name: "username", type: .string, optional: true, requiredGroup: "basic"),
             FieldSchema(name: "password", type: .string, optional: true),
             FieldSchema(name: "token", type: .string, optional: true, hint: "a ready Basic token, sent as given", requiredGroup: "basic")]
        case .bearer:
            [FieldSchema(name: "token", type: .string)]
        case .oauth2ClientCredentials:
            [FieldSchema(name: "clientId", type: .string), FieldSchema(name: "clientSecret", type: .string),
             FieldSchema(name: "tokenURL", type: .string, format: .uri), FieldSchema(name: "scope", type: .string, optional: true)]
        }
    }
}
