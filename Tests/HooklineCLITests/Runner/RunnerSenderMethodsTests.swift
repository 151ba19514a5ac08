import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// What Iterable may send to `/hooks/{flow}`: a journey webhook's method is the user's choice
/// (POST, PUT, PATCH, DELETE), its body JSON or form fields; form fields arrive typed as the
/// flow's samples say.
@Suite("hookline run: senders' methods and form bodies")
struct RunnerSenderMethodsTests {
    static func config(sinkURL: String) -> String {
        """
        server:
          adminToken: \(RunnerProcess.defaultAdminToken)
        delivery:
          pollSeconds: 0.05
        connections:
          crm:
            connector: webhook
            baseURL: \(sinkURL)
        flows:
          profile:
            trigger:
              connector: iterable
              trigger: journey_webhook
              samples: [profile.sample.json]
            steps:
              - id: push
                connector: webhook
                action: send
                connection: crm
                retry: {attempts: 1}
                mapping:
                  url: /contacts
                  body:
                    name: "{{firstName}}"
                    loanAmount: {path: loanAmount}
                    rate: {path: rate}
                    vip: {path: vip}
                    zip: {path: zip}
        """
    }

    static let sample = #"{"email":"ana@example.com","workflowId":88211,"firstName":"Ana","loanAmount":25000,"rate":4.5,"vip":true,"zip":"02134"}"#

    @Test("A form-encoded journey webhook sent with PUT is accepted, its fields typed as the flow's samples say")
    func formBodiesWithEveryMethod() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: Self.config(sinkURL: sink.baseURL))
            _ = try CLIHarness.write(Self.sample, "profile.sample.json", in: sandbox.directory)
            let runner = try await sandbox.start()
            let form = "email=ben%40example.com&workflowId=88211&firstName=Ben&loanAmount=3000&rate=5&vip=false&zip=02134&extra=1"
            let put = try await runner.send(HTTPRequest(method: .put, url: runner.baseURL + "/hooks/profile",
                                                        headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8)))
            #expect(put.status == 202, "\(put.text)")
            let runID = try #require(put.json?["runId"]?.stringValue)
            let run = try await runner.finishedRun(runID)
            #expect(run["status"] == "succeeded", "\(run)")
            let stored = try await runner.api("runs/\(runID)")
            // Numbers and booleans as the samples have them; zip stays text (the samples have text
            // there), and a member the samples never had stays as sent.
            #expect(stored.json?["event"] == ["email": "ben@example.com", "workflowId": 88211, "firstName": "Ben", "loanAmount": 3000,
                                              "rate": 5, "vip": false, "zip": "02134", "extra": "1"], "\(stored.text)")
            #expect(sink.requests.map(\.json) == [["name": "Ben", "loanAmount": 3000, "rate": 5, "vip": false, "zip": "02134"]])

            for method in [HTTPMethod.patch, .delete, .post] {
                let reply = try await runner.send(HTTPRequest(method: method, url: runner.baseURL + "/hooks/profile",
                                                              headers: ["Content-Type": "application/json"], body: Array(Self.sample.utf8)))
                #expect(reply.status == 202, "\(method): \(reply.text)")
            }
            let bare = try await runner.send(HTTPRequest(method: .delete, url: runner.baseURL + "/hooks/profile"))
            #expect(bare.status == 400)
            #expect(bare.json == ["error": "no body: the event is the body (a JSON object, or form fields), with its Content-Type"])
            let get = try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/hooks/profile"))
            #expect(get.status != 202 && get.status < 500, "\(get.status)")
            #expect(try await eventually { sink.requests.count == 4 })

            // The flow's detail (the run-log page's flow view) shows the flow's own schema.
            let detail = try await runner.api("flows/profile")
            let fields = (detail.json?["trigger"]?["fields"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(fields.contains("loanAmount") && fields.contains("vip"), "\(detail.text)")
            #expect(detail.json?["trigger"]?["schemaOrigin"] == "the trigger's schema and 1 sample")
            #expect(detail.json?["trigger"]?["schemaIsOpen"] == false)
            #expect(try await runner.terminate() == 0)
        }
    }

    @Test("A filtered journey flow says why it skips an event, and counts the skips on its flow view")
    func skippedEventsAreCountedWithTheirReason() async throws {
        let config = RunnerConfigs.ingestOnly(flows: """
            journey:
              trigger: {connector: iterable, trigger: journey_webhook, options: {workflowIds: [7]}}
              steps:
                - {connector: webhook, action: send, connection: crm, mapping: {url: /contacts}}
            """)
        let sandbox = try RunnerSandbox(config: config)
        let runner = try await sandbox.start()
        let unticked = try await runner.post("journey", event: ["email": "ana@example.com", "firstName": "Ana"])
        #expect(unticked.status == 200)
        #expect(unticked.json == ["skipped": true, "reason": "the event has no workflowId or dataFields.workflowId, which the trigger's filter reads"])
        let other = try await runner.post("journey", event: ["email": "ana@example.com", "workflowId": 8])
        #expect(other.json?["reason"] == "the event does not match the trigger's filter")
        let taken = try await runner.post("journey", event: ["email": "ana@example.com", "workflowId": 7])
        #expect(taken.status == 202)

        let skipped = try await runner.api("flows/journey").json?["trigger"]?["skipped"]
        #expect(skipped?["count"] == 2)
        #expect(skipped?["lastReason"] == "the event does not match the trigger's filter")
        #expect(skipped?["lastAt"]?.stringValue != nil)
        #expect(try await runner.terminate() == 0)
    }
}
