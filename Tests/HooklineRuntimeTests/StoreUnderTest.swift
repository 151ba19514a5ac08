import Foundation
import HooklineRuntime
import Logging
import PostgresNIO
import Testing

/// The stores the conformance suite runs against: SQLite always; PostgreSQL when
/// `HOOKLINE_TEST_POSTGRES_URL` names a server (`.ci/postgres.sh` starts one), or when
/// `HOOKLINE_REQUIRE_POSTGRES=1` (then a missing server fails the tests instead of skipping them).
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var available: [StoreKind] { PostgresTestServer.enabled ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store of this kind, and closes it after.
    func withStore<T>(_ body: (any RunStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            return try await body(try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path))
        case .postgres:
            return try await PostgresTestServer.withDatabase { url in
                let store = try await PostgresRunStore.open(try PostgresLocation(url: url))
                do {
                    let result = try await body(store)
                    await store.close()
                    return result
                } catch {
                    await store.close()
                    throw error
                }
            }
        }
    }
}

/// The PostgreSQL server the tests use, and a fresh database per test on it.
enum PostgresTestServer {
    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["HOOKLINE_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    static var required: Bool { ProcessInfo.processInfo.environment["HOOKLINE_REQUIRE_POSTGRES"] == "1" }

    /// Whether PostgreSQL tests run (and, if `required`, fail without a server).
    static var enabled: Bool { url != nil || required }

    /// Creates a database with a unique name, runs `body` with its URL, then drops it.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let serverURL = url else {
            throw RunnerError("HOOKLINE_REQUIRE_POSTGRES=1 but HOOKLINE_TEST_POSTGRES_URL is not set: start a server with `source .ci/postgres.sh`")
        }
        let name = "hookline_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await admin(serverURL, "CREATE DATABASE \(name)")
        guard var components = URLComponents(string: serverURL) else { throw RunnerError("bad HOOKLINE_TEST_POSTGRES_URL") }
        components.path = "/" + name
        if components.queryItems == nil { components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")] }
        let databaseURL = components.string ?? serverURL
        do {
            let result = try await body(databaseURL)
            try? await admin(serverURL, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await admin(serverURL, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs one statement on the server's own database.
    static func admin(_ serverURL: String, _ sql: String) async throws {
        let location = try PostgresLocation(url: serverURL)
        let configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: location.password, database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: Logger(label: "hookline.test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "hookline.test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
