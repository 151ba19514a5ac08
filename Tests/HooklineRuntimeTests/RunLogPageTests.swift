import ConnectorKit
import Foundation
import HooklineRuntime
import Testing

/// The flow detail JSON of the run-log page's flow view, and the page's own files.
@Suite struct RunLogPageTests {
    private let config = """
        server:
          adminToken: admin-token-0123456789
        connections:
          sink: {connector: sink, apiKey: "${SINK_KEY}", baseURL: "http://127.0.0.1:1"}
        flows:
          f:
            trigger: {connector: sink, trigger: event, options: {plans: [pro]}}
            steps:
              - id: deliver
                connector: sink
                action: post
                connection: sink
                retry: {attempts: 5}
                condition: "{{email}}"
                mapping:
                  email: "{{email}}"
                  greeting: "Hi {{name}}, key ${SINK_KEY}"
                  n: {path: n, onMissing: omit}
        """

    @Test func flowDetailHasTheTriggerFieldsAndEachStepsMappingWithSecretsRedacted() throws {
        let loaded = try loadConfig(config)
        let flow = try #require(loaded.flow("f"))
        let detail = RunJSON.flowDetail(flow, secrets: loaded.secrets)
        #expect(detail["id"] == "f")
        #expect(detail["trigger"]?["connector"] == "sink@1")
        #expect(detail["trigger"]?["trigger"] == "event")
        #expect(detail["trigger"]?["options"] == ["plans": ["pro"]])
        #expect(detail["trigger"]?["verified"] == false)
        #expect(detail["trigger"]?["fields"] == [
            ["name": "email", "type": "string", "control_type": "email"],
            ["name": "name", "type": "string", "optional": true],
            ["name": "n", "type": "integer", "optional": true],
            ["name": "plan", "type": "string", "optional": true],
        ])
        let step = try #require(detail["steps"]?.arrayValue?.first)
        #expect(step["id"] == "deliver")
        #expect(step["action"] == "post")
        #expect(step["actionName"] == "Post")
        #expect(step["connection"] == "sink")
        #expect(step["maxAttempts"] == 5)
        #expect(step["condition"] == "{{email}}")
        #expect(step["mapping"] == [
            "email": "{{email}}",
            "greeting": "Hi {{name}}, key <redacted>",
            "n": ["path": "n", "onMissing": "omit"],
        ])
        #expect(step["inputFields"] == [
            ["name": "email", "type": "string"],
            ["name": "greeting", "type": "string", "optional": true],
            ["name": "n", "type": "integer", "optional": true],
        ])
        #expect(!detail.serialized().contains("sink-key-secret"))
        // The list entry (/api/flows) stays short: no schemas, no mappings.
        #expect(RunJSON.flow(flow)["steps"]?.arrayValue?.first?["mapping"] == nil)
        #expect(RunJSON.flow(flow)["trigger"]?["fields"] == nil)
    }

    @Test func thePageLinksOnlyItsOwnFilesAndWritesDataAsTextOnly() throws {
        let paths = Set(RunLogPage.assets.map(\.path))
        #expect(paths.count == RunLogPage.assets.count, "one asset per path")
        let html = try #require(RunLogPage.assets.first { $0.path == "/" })
        // Every script and style is a file of ours: nothing inline (the CSP forbids it), nothing remote.
        let scripts = html.body.matches(of: /<script[^>]*>/).map { String($0.output) }
        #expect(!scripts.isEmpty)
        #expect(scripts.allSatisfy { $0.contains(#"src="/ui/"#) })
        #expect(!html.body.contains("<style"))
        #expect(!html.body.contains(" style="))
        #expect(!html.body.contains("http://") && !html.body.contains("https://"))
        for link in html.body.matches(of: /(?:src|href)="(\/[^"]*)"/) {
            #expect(paths.contains(String(link.output.1)), "\(link.output.1) is served")
        }
        for script in RunLogPage.assets where script.contentType.hasPrefix("text/javascript") {
            for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
                #expect(!script.body.contains(sink), "\(script.path) uses \(sink)")
            }
            #expect(!script.body.contains("localStorage"), "\(script.path): the token lives in sessionStorage only")
            #expect(script.body.hasPrefix("'use strict';"))
        }
    }
}
