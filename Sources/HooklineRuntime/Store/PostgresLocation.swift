import Foundation

/// A parsed `postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]` URL.
/// Its ``description`` never contains the password, so it is safe in logs and errors.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode`; `prefer` by default, like libpq).
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// What is wrong with a store URL (never with its password); shown as `store: <reason>`.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// The problem alone, for a message that names the setting itself (a config check).
        public var reason: String
        public var description: String { "store: \(reason)" }
        init(_ reason: String) { self.reason = reason }
    }

    /// Parses `url`; the error (a ``Problem``) says what is wrong without repeating the password.
    public init(url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw Problem("'\(PostgresLocation.redact(url))' is not a PostgreSQL URL; expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw Problem("'\(PostgresLocation.redact(url))' names no host; expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        guard let user = components.user, !user.isEmpty else {
            throw Problem("'\(PostgresLocation.redact(url))' names no user; expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw Problem("'\(PostgresLocation.redact(url))' names no database; expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw Problem("sslmode must be disable, prefer or require, found '\(item.value ?? "")'")
                }
                tls = mode
            default:
                throw Problem("unknown PostgreSQL URL parameter '\(item.name)'; only sslmode is supported")
            }
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password
        self.database = database
        self.tls = tls
    }

    /// `postgres://user@host:port/database`: the URL without its password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// The URL with a copy of itself in which `user:password@` became `user:***@`, for any text
    /// that may be a URL with credentials (also malformed ones).
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].lastIndex(of: "@") else { return text }
        let userInfo = text[schemeEnd.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
