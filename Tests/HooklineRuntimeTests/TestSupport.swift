import ConnectorKit
import Foundation
import HooklineRuntime

/// A connector for runner tests: one trigger whose events are {email, name, n, plan?}, and a
/// `post` action that POSTs its input as JSON to `/sink` under the connection's base URL.
struct SinkConnector: Connector {
    let id = "sink"
    let connection = ConnectionSpec(auth: [.apiKeyHeader(name: "X-Sink-Key"), .oauth2ClientCredentials], baseURL: "https://sink.invalid")
    var triggers: [any Trigger] { [EventTrigger()] }
    var actions: [any Action] { [Post()] }

    struct EventTrigger: Trigger {
        let id = "event"
        let outputSchema = FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "email", type: .string, format: .email),
            FieldSchema(name: "name", type: .string, optional: true),
            FieldSchema(name: "n", type: .integer, optional: true),
            FieldSchema(name: "plan", type: .string, optional: true),
        ])
        let optionFields = [FieldSchema(name: "plans", type: .array, optional: true, of: FieldSchema(name: "", type: .string))]

        func matches(_ event: JSONValue, options: JSONValue) -> Bool {
            guard let plans = options["plans"]?.arrayValue, !plans.isEmpty else { return true }
            return plans.contains(event["plan"] ?? .null)
        }

        func deduplicationKey(_ event: JSONValue) -> String? { event["n"].map { $0.serialized() } }
    }

    struct Post: Action {
        let id = "post"
        let inputFields = [
            FieldSchema(name: "email", type: .string),
            FieldSchema(name: "greeting", type: .string, optional: true),
            FieldSchema(name: "n", type: .integer, optional: true),
        ]
        let outputFields = [FieldSchema(name: "ok", type: .boolean, optional: true)]

        func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
            try await context.sendJSON(.post, "sink", body: input)
        }
    }
}

let testRegistry = ConnectorRegistry([SinkConnector()])

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-runtime-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A config with one flow `f` whose step posts to `baseURL`.
func sinkConfig(baseURL: String, extraStep: String = "", retry: String = "retry: {attempts: 3, delaySeconds: 0.2}", verify: String = "") -> String {
    """
    server:
      adminToken: admin-token-0123456789
    delivery:
      pollSeconds: 0.05
    connections:
      sink:
        connector: sink
        apiKey: ${SINK_KEY}
        baseURL: \(baseURL)
    flows:
      f:
        trigger:
          connector: sink
          trigger: event
    \(verify)
        steps:
          - id: deliver
            connector: sink
            action: post
            connection: sink
            \(retry)
            mapping:
              email: "{{email}}"
              greeting: "Hi {{defaultIfEmpty name 'there'}}"
              n: "{{n}}"
    \(extraStep)
    """
}

func loadConfig(_ text: String, environment: [String: String] = ["SINK_KEY": "sink-key-secret"]) throws(ConfigError) -> RunnerConfig {
    try RunnerConfig.parse(text, file: "test.yaml", registry: testRegistry, environment: environment)
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
