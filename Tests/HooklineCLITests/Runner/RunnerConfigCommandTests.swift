import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline validate` and `hookline test` on runner configs, run as the real binary.
@Suite("hookline validate / test")
struct RunnerConfigCommandTests {
    static let brokenConfig = """
        server:
          adminTokn: admin-token-0123456789abcdef
        connections:
          iterable:
            connector: iterable
            apiKey: ${HOOKLINE_IT_UNSET_KEY}
        flows:
          opens:
            trigger: {connector: iterable, trigger: system_webhook, options: {eventNames: [emailOpen]}}
            steps:
              - id: track
                connector: iterable
                action: track_evnt
                connection: iterable
                mapping:
                  email: "{{email}}"
              - id: again
                connector: iterable
                action: track_event
                connection: iterable
                mapping:
                  email: "{{emial}}"
                  eventName: "{{eventName}}"
        """

    @Test("validate reports every problem at FILE:LINE:COLUMN and exits 1")
    func validateReportsEveryProblem() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try CLIHarness.write(Self.brokenConfig, "broken.yaml", in: directory)
        let result = try await CLIHarness.hookline(["validate", path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        // The missing variable is the only problem of the connection (no "needs 'apiKey'"), and
        // the step using that connection adds no "unknown connection" but still has its mapping checked.
        #expect(result.stderr == """
            error at \(path):6:5 (/connections/iterable/apiKey): the environment variable HOOKLINE_IT_UNSET_KEY is not set \
            (hint: export HOOKLINE_IT_UNSET_KEY=... before starting, or write the value inline)
            error at \(path):2:3 (/server/adminTokn): unknown key 'adminTokn' in server (hint: did you mean 'adminToken'?)
            error at \(path):13:9 (/flows/opens/steps/0/action): connector iterable@1 has no action 'track_evnt' (hint: did you mean 'track_event'?)
            error at \(path):22:11 (/flows/opens/steps/1/mapping/email): unknown source path 'emial': the event has no member 'emial' \
            (hint: did you mean 'email'?)
            \(path): 4 errors

            """)
    }

    @Test("validate accepts a good config")
    func validateAcceptsAGoodConfig() async throws {
        let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: "http://127.0.0.1:9"))
        let result = try await CLIHarness.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["ITERABLE_API_KEY=\(RunnerSandbox.apiKey)", CLIHarness.hooklineBinary.path, "validate", sandbox.configPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(sandbox.configPath): OK — 1 flow, 1 step, 1 connection\n")
    }

    @Test("test prints the exact request, the API key redacted, and sends nothing")
    func testPrintsTheRequest() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL))
            let eventPath = try CLIHarness.write(RunnerConfigs.event(7).serialized(), "event.json", in: sandbox.directory)
            let result = try await CLIHarness.run(URL(fileURLWithPath: "/usr/bin/env"), [
                "ITERABLE_API_KEY=\(RunnerSandbox.apiKey)", CLIHarness.hooklineBinary.path,
                "test", sandbox.configPath, "--flow", "opens", "--event", eventPath,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == """
                ── step track
                input:
                {
                  "email": "ana@example.com",
                  "eventName": "webhook_emailOpen",
                  "dataFields": {
                    "email": "ana@example.com",
                    "createdAt": "2026-06-10 14:02:11 +00:00",
                    "campaignId": 5123456,
                    "messageId": "msg-7",
                    "n": 7
                  }
                }

                POST \(sink.baseURL)/api/events/track
                Content-Type: application/json
                Accept: application/json
                Idempotency-Key: dry-run:track
                Api-Key: <redacted>

                {"eventName":"webhook_emailOpen","email":"ana@example.com","dataFields":{"email":"ana@example.com","createdAt":"2026-06-10 14:02:11 +00:00","campaignId":5123456,"messageId":"msg-7","n":7}}


                """)
            #expect(!result.stdout.contains(RunnerSandbox.apiKey) && !result.stderr.contains(RunnerSandbox.apiKey))
            #expect(sink.requests.isEmpty, "a dry run sends nothing")
        }
    }
}
