import HooklineRuntime
import Testing

/// The `postgres://` store URL: parsing, and the password kept out of every message.
@Suite struct PostgresLocationTests {
    @Test func parsesTheURL() throws {
        let location = try PostgresLocation(url: "postgres://hook%40line:p%2Fss@db.internal:6543/runs?sslmode=require")
        #expect(location.user == "hook@line")
        #expect(location.password == "p/ss")
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.database == "runs")
        #expect(location.tls == .require)
        #expect(location.description == "postgres://hook@line@db.internal:6543/runs")
        let defaults = try PostgresLocation(url: "postgresql://u@[::1]/d")
        #expect(defaults.host == "::1" && defaults.port == 5432 && defaults.password == nil && defaults.tls == .prefer)
        #expect(defaults.description == "postgres://u@[::1]:5432/d")
    }

    @Test(arguments: [
        ("postgres://u:hunter2@h", "names no database"),
        ("postgres://:hunter2@h/d", "names no user"),
        ("postgres://u:hunter2@h/d?sslmode=maybe", "sslmode must be"),
        ("postgres://u:hunter2@h/d?pool=3", "unknown PostgreSQL URL parameter 'pool'"),
    ])
    func badURLsSayWhatIsWrongWithoutThePassword(url: String, message: String) {
        #expect {
            _ = try PostgresLocation(url: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains(message) && !text.contains("hunter2")
        }
    }

    @Test func redactsAnyURLWithCredentials() {
        #expect(PostgresLocation.redact("postgress://u:hunter2@h/d") == "postgress://u:***@h/d")
        #expect(PostgresLocation.redact("sqlite:runs.sqlite") == "sqlite:runs.sqlite")
        #expect(PostgresLocation.redact("postgres://u@h/d") == "postgres://u@h/d")
    }

    @Test func anUnreachableServerIsAClearErrorWithoutThePassword() async throws {
        // Nothing listens on port 1.
        let location = try PostgresLocation(url: "postgres://hookline:hunter2@127.0.0.1:1/runs?sslmode=disable")
        await #expect {
            _ = try await PostgresRunStore.open(location)
        } throws: { error in
            let text = "\(error)"
            return text.contains("cannot reach PostgreSQL at 127.0.0.1:1") && text.contains("database 'runs'")
                && text.contains("Check that the server is running") && !text.contains("hunter2")
        }
        await #expect(throws: (any Error).self) { _ = try await Runner.openStore("postgres://hookline:hunter2@127.0.0.1:1/runs?sslmode=disable") }
    }
}
