import ConnectorKit
import Foundation
import Testing

/// `hookline schema drift`, and drift on a run's detail (`/api/runs/{id}`, `hookline logs`).
@Suite("hookline schema drift")
struct SchemaDriftTests {
    static let config = RunnerConfigs.ingestOnly(flows: """
        profile:
          trigger:
            connector: iterable
            trigger: journey_webhook
            samples: [profile.sample.json]
          steps:
            - {connector: webhook, action: send, connection: crm, mapping: {url: "/contacts/{{email}}"}}
        open:
          trigger: {connector: iterable, trigger: journey_webhook}
          steps:
            - {connector: webhook, action: send, connection: crm, mapping: {url: /other}}
        """)

    @Test("Events with a new member, a changed type and a missing member show with their counts")
    func driftIsCountedPerPathAndKind() async throws {
        let sandbox = try RunnerSandbox(config: Self.config)
        _ = try CLIHarness.write(#"{"email":"ana@example.com","workflowId":88211,"loanAmount":25000}"#, "profile.sample.json", in: sandbox.directory)
        let runner = try await sandbox.start()
        var ids: [String] = []
        let events: [JSONValue] = [
            ["email": "a@example.com", "workflowId": 1, "loanAmount": 10],                       // follows it
            ["email": "b@example.com", "workflowId": 2, "loanAmount": 20, "leadSource": "ads"],  // a new member
            ["email": "c@example.com", "workflowId": 3, "loanAmount": 30, "leadSource": "web"],  // again
            ["email": "d@example.com", "workflowId": "4", "loanAmount": 40],                     // a changed type
            ["email": "e@example.com", "workflowId": 5],                                          // a missing member
        ]
        for event in events {
            let reply = try await runner.post("profile", event: event)
            try #require(reply.status == 202)
            ids.append(try #require(reply.json?["runId"]?.stringValue))
        }
        _ = try await runner.post("open", event: ["anything": true])

        let detail = try await runner.api("runs/\(ids[1])")
        #expect(detail.json?["drift"] == [["kind": "unknown_member", "path": "/leadSource", "found": "string"]], "\(detail.text)")
        #expect(try await runner.api("runs/\(ids[0])").json?["drift"] == [])
        let metrics = try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/metrics")).text
        let driftLines = metrics.split(separator: "\n").filter { $0.hasPrefix("hookline_schema_drift_total{") }.map(String.init).sorted()
        #expect(driftLines == [
            #"hookline_schema_drift_total{flow="profile",kind="required_missing"} 1"#,
            #"hookline_schema_drift_total{flow="profile",kind="type_changed"} 1"#,
            #"hookline_schema_drift_total{flow="profile",kind="unknown_member"} 2"#,
        ], "\(metrics)")
        #expect(try await runner.terminate() == 0)

        let result = try await CLIHarness.hookline(["schema", "drift", "--flow", "profile", "--config", sandbox.configPath,
                                                    "--store", "sqlite:" + sandbox.storePath, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["events"] == 5)
        #expect(report["drifted"] == 4)
        let rows = (report["drift"]?.arrayValue ?? []).map { row in
            "\(row["count"]?.serialized() ?? "") \(row["kind"]?.stringValue ?? "") \(row["path"]?.stringValue ?? "") \(row["exampleRunId"]?.stringValue ?? "")"
        }
        #expect(rows == [
            "2 unknown_member /leadSource \(ids[1])",
            "1 required_missing /loanAmount \(ids[4])",
            "1 type_changed /workflowId \(ids[3])",
        ], "\(result.stdout)")

        let text = try await CLIHarness.hookline(["schema", "drift", "--flow", "profile", "--config", sandbox.configPath, "--store", "sqlite:" + sandbox.storePath])
        #expect(text.stdout.hasPrefix("flow profile: 4 of 5 events drifted from the schema\n2\tunknown_member\t/leadSource (string)\tfirst "), "\(text.stdout)")

        let logs = try await CLIHarness.hookline(["logs", "--config", sandbox.configPath, "--store", "sqlite:" + sandbox.storePath, "--flow", "profile"])
        #expect(logs.stdout.contains("\(ids[3])  profile  queued  drift: type_changed /workflowId"), "\(logs.stdout)")

        let open = try await CLIHarness.hookline(["schema", "drift", "--flow", "open", "--config", sandbox.configPath, "--store", "sqlite:" + sandbox.storePath])
        #expect(open.status == 1)
        #expect(open.stderr.contains("flow 'open' has no schema of its own"), "\(open.stderr)")
    }
}
