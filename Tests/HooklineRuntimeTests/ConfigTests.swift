import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

@Suite struct ConfigTests {
    @Test func aGoodConfigCompiles() throws {
        let config = try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1"))
        let flow = try #require(config.flow("f"))
        #expect(flow.steps.map(\.id) == ["deliver"])
        #expect(flow.steps[0].retry.maxAttempts == 3)
        #expect(flow.steps[0].retry.delay == 0.2)
        #expect(config.settings.pollSeconds == 0.05)
        #expect(config.secrets.map(\.exposed).contains("sink-key-secret"))
        #expect(config.secrets.map(\.exposed).contains("admin-token-0123456789"))
    }

    @Test func everyProblemIsReportedWithItsFilePosition() {
        let text = """
            server:
              listn: 127.0.0.1:8080
            connections:
              sink:
                connector: sink
                apiKey: ${MISSING_KEY}
            flows:
              f:
                trigger:
                  connector: sink
                  trigger: evnt
              g:
                trigger: {connector: sink, trigger: event}
                steps:
                  - connector: sink
                    action: pst
                    connection: sink
                    mapping: {email: "{{email}}"}
                  - connector: sink
                    action: post
                    connection: snk
                    mapping: {email: "{{emial}}"}
                  - connector: sink
                    action: post
                    connection: sink
                    mapping: {n: "{{n}}"}
            """
        do {
            _ = try loadConfig(text, environment: [:])
            Issue.record("the config must be refused")
        } catch {
            let report = error.description
            let expected = [
                "test.yaml:2:3 (/server/listn)", "did you mean 'listen'?",
                "MISSING_KEY is not set", "test.yaml:6:5",
                "connector sink@1 has no trigger 'evnt'", "did you mean 'event'?",
                "has no action 'pst'", "did you mean 'post'?",
                "unknown connection 'snk'", "did you mean 'sink'?",
                "emial", "did you mean 'email'?",
                "'email'",
            ]
            for fragment in expected { #expect(report.contains(fragment), "missing \(fragment) in:\n\(report)") }
        }
    }

    @Test(arguments: [
        ("postgres://db.internal/hookline", "names no user"),
        ("postgres://hookline:s3cret-pw@db.internal", "names no database"),
        ("postgres://hookline@db.internal/hookline?sslmode=always", "sslmode must be disable, prefer or require"),
        ("mysql://hookline@db.internal/hookline", "store must be sqlite:PATH or postgres://"),
    ])
    func aStoreURLThatCannotBeOpenedIsRefusedWhereItIs(url: String, message: String) {
        let text = sinkConfig(baseURL: "http://127.0.0.1:1").replacingOccurrences(of: "server:\n", with: "server:\n  store: \(url)\n")
        do {
            _ = try loadConfig(text)
            Issue.record("'\(url)' must be refused")
        } catch {
            #expect(error.description.contains("test.yaml:2:3 (/server/store)"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
            #expect(!error.description.contains("s3cret-pw"), "the password must not be shown")
        }
    }

    @Test func aPostgresStoreURLThatParsesIsKept() throws {
        let url = "postgres://hookline@db.internal:5433/hookline?sslmode=require"
        let text = sinkConfig(baseURL: "http://127.0.0.1:1").replacingOccurrences(of: "server:\n", with: "server:\n  store: \(url)\n")
        #expect(try loadConfig(text).settings.store == url)
    }

    @Test func aLeaseShorterThanAStepsWorstCaseIsRefused() {
        let text = sinkConfig(baseURL: "http://127.0.0.1:1").replacingOccurrences(of: "pollSeconds: 0.05", with: "pollSeconds: 0.05\n  leaseSeconds: 30")
        #expect(throws: ConfigError.self) { try loadConfig(text) }
    }

    @Test func laterStepsReadEarlierOutputsAndUnknownOnesAreCaught() throws {
        let second = """
                  - id: again
                    connector: sink
                    action: post
                    connection: sink
                    mapping: {email: "{{email}}", greeting: "{{steps.deliver.ok}}"}
            """
        _ = try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1", extraStep: second))
        let wrong = second.replacingOccurrences(of: "steps.deliver.ok", with: "steps.delivr.ok")
        #expect(throws: ConfigError.self) { try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:1", extraStep: wrong)) }
    }

    @Test func escapedDollarBracesStayLiteral() throws {
        let text = sinkConfig(baseURL: "http://127.0.0.1:1").replacingOccurrences(of: "greeting: \"Hi {{defaultIfEmpty name 'there'}}\"",
                                                                                  with: "greeting: \"costs $${PRICE}\"")
        let config = try loadConfig(text)
        let input = try config.flow("f")!.steps[0].mapping.apply(to: ["email": "a@b.c"])
        #expect(input["greeting"] == "costs ${PRICE}")
    }
}

@Suite struct RetryPolicyTests {
    @Test func iterablesDefaultIsThreeAttemptsThreeMinutesApart() {
        let policy = RetryPolicy.iterable
        #expect(policy.delay(after: 1) == 180)
        #expect(policy.delay(after: 2) == 180)
        #expect(policy.delay(after: 3) == nil)
    }

    @Test func exponentialBackoffDoublesUpToTheCapAndHonoursRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 8, delay: 1, backoff: .exponential, multiplier: 2, maxDelay: 10)
        #expect((1...7).map { policy.delay(after: $0) } == [1, 2, 4, 8, 10, 10, 10])
        #expect(policy.delay(after: 1, retryAfter: .seconds(7)) == 7)
        #expect(policy.delay(after: 1, retryAfter: .seconds(700)) == 10, "Retry-After is capped by maxDelay")
        let jittered = RetryPolicy(maxAttempts: 3, delay: 8, backoff: .fixed, jitter: true)
        for _ in 0..<50 { #expect((4...8).contains(jittered.delay(after: 1)!)) }
    }
}

@Suite struct EnvironmentSubstitutionTests {
    @Test func fallbacksApplyWhenUnsetOrEmpty() throws {
        let text = sinkConfig(baseURL: "http://127.0.0.1:1").replacingOccurrences(of: "${SINK_KEY}", with: "${SINK_KEY:-fallback-key}")
        let unset = try loadConfig(text, environment: [:])
        #expect(unset.connections["sink"]?.connection.credentials["apiKey"]?.exposed == "fallback-key")
        let empty = try loadConfig(text, environment: ["SINK_KEY": ""])
        #expect(empty.connections["sink"]?.connection.credentials["apiKey"]?.exposed == "fallback-key")
        let set = try loadConfig(text, environment: ["SINK_KEY": "real"])
        #expect(set.connections["sink"]?.connection.credentials["apiKey"]?.exposed == "real")
    }
}
