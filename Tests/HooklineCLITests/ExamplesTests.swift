import ConnectorKit
import Foundation
import Testing

/// The shipped example configs load and run dry on the shipped sample payloads (Schemas/).
@Suite struct ExamplesTests {
    static let examples = CLIHarness.packageRoot.appendingPathComponent("examples")

    @Test(arguments: ["iterable-journey-to-cloutly.yaml", "iterable-to-regal.yaml", "iterable-system-webhook.yaml", "regal-guide/regal.yaml"])
    func everyExampleValidates(_ name: String) async throws {
        let result = try await CLIHarness.hookline(["validate", Self.examples.appendingPathComponent(name).path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(": OK — "))
        #expect(!result.stderr.contains("error"))
    }

    /// `hookline test --json` of `flow` in `example` on the shipped `sample`: the requests it would send.
    func dryRun(_ example: String, flow: String, sample: String) async throws -> [JSONValue] {
        let result = try await CLIHarness.hookline(["test", Self.examples.appendingPathComponent(example).path, "--flow", flow,
                                                    "--event", try CLIHarness.sample(sample).path, "--json"])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")
        let report = try JSONParser.parse(result.stdout)
        #expect(report["matched"] == true)
        return (report["steps"]?.arrayValue ?? []).flatMap { $0["requests"]?.arrayValue ?? [] }
    }

    @Test func journeyToCloutlySendsTheContactWithItsLocation() async throws {
        let requests = try await dryRun("iterable-journey-to-cloutly.yaml", flow: "journey-to-cloutly", sample: "iterable/journey-webhook/cloutly")
        #expect(requests.count == 1)
        #expect(requests[0]["url"] == "https://app.cloutly.com/api/callbacks/automations/iterable/webhooks")
        #expect(requests[0]["headers"]?["x-api-key"] == "<redacted>")
        let body = try JSONParser.parse(try #require(requests[0]["body"]?.stringValue))
        #expect(body == ["email": "ana@example.com", "phoneNumber": "+15551230000", "firstName": "Ana", "locationIdentifier": "loc-42"])
    }

    @Test func aJourneyCallWithoutLocationFailsLoudly() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let event = try CLIHarness.write(#"{"email":"ben@example.com","workflowId":88211,"firstName":"Ben"}"#, "event.json", in: directory)
        let result = try await CLIHarness.hookline(["test", Self.examples.appendingPathComponent("iterable-journey-to-cloutly.yaml").path,
                                                    "--flow", "journey-to-cloutly", "--event", event])
        #expect(result.status == 1)
        #expect(result.stdout.contains("locationIdentifier"))
    }

    @Test func smsReceivedBecomesARegalEvent() async throws {
        let requests = try await dryRun("iterable-to-regal.yaml", flow: "sms-to-regal", sample: "iterable/system-webhook/smsReceived")
        #expect(requests.count == 1)
        #expect(requests[0]["url"] == "https://events.regalvoice.com/events")
        #expect(requests[0]["headers"]?["Authorization"] == "<redacted>")
        let body = try JSONParser.parse(try #require(requests[0]["body"]?.stringValue))
        #expect(body["name"] == "SMS Received")
        #expect(body["traits"]?["phone"] == "+15551230000")
        #expect(body["properties"]?["message"] == "STOP")
    }

    @Test func emailOpenIsTrackedInIterableAndSentToTheCollector() async throws {
        let requests = try await dryRun("iterable-system-webhook.yaml", flow: "email-engagement", sample: "iterable/system-webhook/emailOpen")
        #expect(requests.map { $0["url"]?.stringValue ?? "" } == [
            "https://api.iterable.com/api/events/track",
            "https://auth.collector.example/oauth/token",
            "https://collector.example/events/iterable/emailOpen",
        ])
        let tracked = try JSONParser.parse(try #require(requests[0]["body"]?.stringValue))
        #expect(tracked["eventName"] == "engagement_emailOpen")
        #expect(requests[1]["body"] == "client_id=<redacted>&client_secret=<redacted>&grant_type=client_credentials")
    }

    @Test func aFilteredEventRunsNothing() async throws {
        let result = try await CLIHarness.hookline(["test", Self.examples.appendingPathComponent("iterable-to-regal.yaml").path,
                                                    "--flow", "sms-to-regal", "--event",
                                                    try CLIHarness.sample("iterable/system-webhook/emailOpen").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("does not match"))
    }
}
