import ConnectorKit
import Foundation
import Testing

/// A flow's own payloads (`trigger.samples`, `trigger.schema`), on the Regal guide's three
/// journey webhooks (`examples/regal-guide/`): closed and checked with samples, open (warnings)
/// without, `--strict` for CI.
@Suite struct OwnPayloadsTests {
    static let guide = CLIHarness.packageRoot.appendingPathComponent("examples/regal-guide/regal.yaml")

    /// The guide's config text with `edit` applied, written beside a copy of its samples.
    func guideVariant(_ edit: (String) -> String) throws -> String {
        let directory = try CLIHarness.temporaryDirectory()
        let samples = directory.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try CLIHarness.repositoryFile("examples/regal-guide/samples/journey-profile.json"),
                                         to: samples.appendingPathComponent("journey-profile.json"))
        return try CLIHarness.write(edit(try String(contentsOf: Self.guide, encoding: .utf8)), "regal.yaml", in: directory)
    }

    func regalBody(flow: String) async throws -> JSONValue {
        let result = try await CLIHarness.hookline(["test", Self.guide.path, "--flow", flow, "--json",
                                                    "--event", try CLIHarness.repositoryFile("examples/regal-guide/samples/journey-profile.json").path])
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout)")
        let requests = (try JSONParser.parse(result.stdout)["steps"]?.arrayValue ?? []).flatMap { $0["requests"]?.arrayValue ?? [] }
        try #require(requests.count == 1)
        #expect(requests[0]["url"] == "https://events.regalvoice.com/events")
        #expect(requests[0]["headers"]?["Authorization"] == "<redacted>")
        return try JSONParser.parse(try #require(requests[0]["body"]?.stringValue))
    }

    @Test func withItsSamplesTheGuideValidatesClean() async throws {
        let result = try await CLIHarness.hookline(["validate", "--strict", Self.guide.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func theContactCarriesItsCustomTraits() async throws {
        #expect(try await regalBody(flow: "create-contact") == [
            "userId": "lead-7731",
            "traits": ["firstName": "Ana", "lastName": "Lima", "phone": "+15551230000", "email": "ana@example.com",
                       "custom1": "Spring webinar", "custom2": "2026-11-30 14:05:00 +00:00", "custom3": 25000],
            "eventSource": "iterable",
        ])
    }

    @Test func optInsArriveAsBooleans() async throws {
        #expect(try await regalBody(flow: "opt-in-update") == [
            "traits": ["phone": "+15551230000", "optIn": [
                ["channel": "voice", "subscribed": true, "source": "iterable"],
                ["channel": "sms", "subscribed": false, "source": "iterable"],
            ]],
            "eventSource": "iterable",
        ])
    }

    @Test func theApplicationEventCarriesItsProperties() async throws {
        #expect(try await regalBody(flow: "application-step-1") == [
            "name": "Application Step 1 Completed", "userId": "lead-7731",
            "traits": ["phone": "+15551230000", "email": "ana@example.com"],
            "properties": ["applicationId": "APP-2026-0042", "loanAmount": 25000, "leadSource": "Spring webinar"],
            "eventSource": "iterable",
        ])
    }

    @Test func withoutSamplesEachUnknownPathIsAWarningAndStrictFails() async throws {
        let config = try guideVariant { $0.replacingOccurrences(of: "      samples: [samples/*.json]\n", with: "") }
        let result = try await CLIHarness.hookline(["validate", config])
        #expect(result.status == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning at ") }
        #expect(warnings.count == 11, "\(result.stderr)")
        #expect(warnings.allSatisfy { $0.contains("unknown source path") && $0.contains("trigger.samples") })
        // One line above the guide's own position: the samples line is gone.
        #expect(result.stderr.contains("regal.yaml:34:13 (/flows/create-contact/steps/0/mapping/traits/lastName): unknown source path 'lastName'"))

        let strict = try await CLIHarness.hookline(["validate", "--strict", config])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
        #expect(strict.stderr.split(separator: "\n").filter { $0.hasPrefix("error at ") }.count == 11, "\(strict.stderr)")
        #expect(strict.stderr.hasSuffix("regal.yaml: 11 errors (warnings, with --strict)\n"))
    }

    @Test func aMisspeltPathWithSamplesIsAnErrorWithASuggestion() async throws {
        let config = try guideVariant { $0.replacingOccurrences(of: "{{lastName}}", with: "{{lastNme}}") }
        let result = try await CLIHarness.hookline(["validate", config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error at \(config):35:13 (/flows/create-contact/steps/0/mapping/traits/lastName): "
            + "unknown source path 'lastNme': the event has no member 'lastNme' (hint: did you mean 'lastName'?)"), "\(result.stderr)")
    }

    /// Samples as NDJSON and as an array; a member some samples lack is optional.
    @Test func samplesComeAsFilesArraysAndNDJSON() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        _ = try CLIHarness.write(#"[{"email":"a@example.com","plan":"pro","seats":3},{"email":"b@example.com","plan":"free"}]"#, "array.json", in: directory)
        _ = try CLIHarness.write(#"{"email":"c@example.com","plan":"team","seats":2.5}"# + "\n\n" + #"{"email":"d@example.com","plan":"pro"}"# + "\n", "more.ndjson", in: directory)
        let config = try CLIHarness.write("""
            connections:
              hook: {connector: webhook, baseURL: "https://example.com"}
            flows:
              f:
                trigger: {connector: iterable, trigger: journey_webhook, samples: [array.json, "*.ndjson"]}
                steps:
                  - connector: webhook
                    action: send
                    connection: hook
                    mapping:
                      url: /plans/{{plan}}
                      body: {seats: {path: seats}, plan: "{{plan}}"}
            """, "c.yaml", in: directory)
        let result = try await CLIHarness.hookline(["validate", "--strict", config])
        #expect(result.status == 0, "\(result.stderr)")

        let typo = try CLIHarness.write(try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "{{plan}}\"", with: "{{plam}}\""), "typo.yaml", in: directory)
        let failed = try await CLIHarness.hookline(["validate", typo])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("unknown source path 'plam': the event has no member 'plam' (hint: did you mean 'plan'?)"), "\(failed.stderr)")
    }

    @Test func badSampleFilesAreErrorsAtTheirPattern() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        _ = try CLIHarness.write("{\"email\": \"a@example.com\",\n \"x\": }", "broken.json", in: directory)
        _ = try CLIHarness.write("[1]", "numbers.json", in: directory)
        let config = try CLIHarness.write("""
            connections:
              hook: {connector: webhook, baseURL: "https://example.com"}
            flows:
              f:
                trigger:
                  connector: iterable
                  trigger: journey_webhook
                  samples: [missing/*.json, broken.json, numbers.json]
                steps:
                  - {connector: webhook, action: send, connection: hook, mapping: {url: "/"}}
            """, "c.yaml", in: directory)
        let result = try await CLIHarness.hookline(["validate", config])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error at \(config):8:17 (/flows/f/trigger/samples/0): 'missing/*.json' matches no file"), "\(result.stderr)")
        #expect(result.stderr.contains("(/flows/f/trigger/samples/1): \(directory.path)/broken.json:2:7: "), "\(result.stderr)")
        #expect(result.stderr.contains("(/flows/f/trigger/samples/2): \(directory.path)/numbers.json [0]: a sample event is a JSON object, found integer"), "\(result.stderr)")
    }

    /// `trigger.schema` pins what the events hold: a field list or a JSON Schema, as `schema infer` writes.
    @Test func aPinnedSchemaClosesTheSource() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let event = try CLIHarness.write(#"{"email":"a@example.com","leadSource":"ads","score":7}"#, "event.json", in: directory)
        for format in ["json-schema", "fields"] {
            let inferred = try await CLIHarness.hookline(["schema", "infer", "--format", format, event])
            #expect(inferred.status == 0, "\(inferred.stderr)")
            _ = try CLIHarness.write(inferred.stdout, "schema.json", in: directory)
            let config = try CLIHarness.write("""
                connections:
                  hook: {connector: webhook, baseURL: "https://example.com"}
                flows:
                  f:
                    trigger: {connector: iterable, trigger: journey_webhook, schema: schema.json}
                    steps:
                      - {connector: webhook, action: send, connection: hook, mapping: {url: "/{{leadSource}}", body: {n: {path: scor}}}}
                """, "c.yaml", in: directory)
            let result = try await CLIHarness.hookline(["validate", config])
            #expect(result.status == 1, "\(format)")
            #expect(result.stderr.contains("unknown source path 'scor': the event has no member 'scor' (hint: did you mean 'score'?)"), "\(format): \(result.stderr)")
            #expect(!result.stderr.contains("leadSource"), "\(format): \(result.stderr)")
        }
    }
}

/// The silent skip: a journey flow filtering on `workflowIds` skips every call without a
/// `workflowId`; `validate` says so when the flow's own samples lack it.
@Suite struct FilteredSamplesTests {
    @Test func samplesWithoutTheFilteredMemberAreWarnedOf() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        _ = try CLIHarness.write(#"[{"email":"a@example.com","firstName":"Ana"},{"email":"b@example.com","firstName":"Ben","workflowId":7}]"#, "s.json", in: directory)
        func config(_ options: String) throws -> String {
            try CLIHarness.write("""
                connections:
                  hook: {connector: webhook, baseURL: "https://example.com"}
                flows:
                  f:
                    trigger: {connector: iterable, trigger: journey_webhook, samples: [s.json]\(options)}
                    steps:
                      - {connector: webhook, action: send, connection: hook, mapping: {url: "/{{firstName}}"}}
                """, "c\(options.count).yaml", in: directory)
        }
        let filtered = try config(", options: {workflowIds: [7]}")
        let result = try await CLIHarness.hookline(["validate", filtered])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("(/flows/f/trigger/options): 1 of the 2 samples has no workflowId or dataFields.workflowId, "
            + "which the trigger's filter reads: such events are skipped, never run"), "\(result.stderr)")
        #expect(try await CLIHarness.hookline(["validate", "--strict", filtered]).status == 1)

        let unfiltered = try await CLIHarness.hookline(["validate", "--strict", try config("")])
        #expect(unfiltered.status == 0, "\(unfiltered.stderr)")
        #expect(unfiltered.stderr.isEmpty)
    }
}

/// An Iterable system webhook's `dataFields` depend on the event type: with `eventNames` the
/// flow's schema is those types' samples; without it, every type's, open.
@Suite struct SystemWebhookEventTypeTests {
    func validate(eventNames: String?, path: String) async throws -> CLIHarness.Result {
        let directory = try CLIHarness.temporaryDirectory()
        let config = try CLIHarness.write("""
            connections:
              hook: {connector: webhook, baseURL: "https://example.com"}
            flows:
              f:
                trigger: {connector: iterable, trigger: system_webhook\(eventNames.map { ", options: {eventNames: \($0)}" } ?? "")}
                steps:
                  - {connector: webhook, action: send, connection: hook, mapping: {url: "/e", body: {link: "{{\(path)}}"}}}
            """, "c.yaml", in: directory)
        return try await CLIHarness.hookline(["validate", config])
    }

    @Test func aClickFlowMapsTheClickedURLWithNoSamplesOfTheUsers() async throws {
        let click = try await validate(eventNames: "[emailClick]", path: "dataFields.url")
        #expect(click.status == 0, "\(click.stderr)")
        #expect(click.stderr.isEmpty, "\(click.stderr)")
    }

    @Test func theSamePathOnAnOpenFlowIsAnErrorNamingTheTypesThatHaveIt() async throws {
        let open = try await validate(eventNames: "[emailOpen]", path: "dataFields.url")
        #expect(open.status == 1)
        #expect(open.stderr.contains("unknown source path 'dataFields.url': 'dataFields' has no member 'url'"), "\(open.stderr)")
        #expect(open.stderr.contains("'dataFields.url' is in emailClick"), "\(open.stderr)")
        #expect(open.stderr.contains("not in emailOpen: add the event names to options.eventNames"), "\(open.stderr)")
    }

    @Test func withoutEventNamesEveryTypeIsKnownAndOthersWarn() async throws {
        let any = try await validate(eventNames: nil, path: "dataFields.url")
        #expect(any.status == 0, "\(any.stderr)")
        #expect(any.stderr.isEmpty, "\(any.stderr)")
        let unknown = try await validate(eventNames: nil, path: "dataFields.projectField")
        #expect(unknown.status == 0, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("warning at "), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("unknown source path 'dataFields.projectField'"), "\(unknown.stderr)")
    }
}

/// `map suggest` on a flow: its own schema (samples included) against its step's action fields.
@Suite struct MapSuggestFlowTests {
    @Test func aFlowsSamplesFeedTheSuggestion() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        _ = try CLIHarness.write(#"{"email":"ana@example.com","workflowId":7,"first_name":"Ana","last_name":"Lima","store_code":"loc-42"}"#, "s.json", in: directory)
        let config = try CLIHarness.write("""
            connections:
              cloutly: {connector: cloutly, apiKey: cloutly-key-0123456789}
            flows:
              f:
                trigger: {connector: iterable, trigger: journey_webhook, samples: [s.json]}
                steps:
                  - id: contact
                    connector: cloutly
                    action: add_contact_to_review_automation
                    connection: cloutly
                    mapping: {email: "{{email}}", firstName: "{{first_name}}", locationIdentifier: "{{store_code}}"}
            """, "c.yaml", in: directory)
        let result = try await CLIHarness.hookline(["map", "suggest", "--config", config, "--flow", "f"])
        #expect(result.status == 0, "\(result.stderr)")
        // lastName is only in the flow's samples (the trigger's shipped samples have no such member).
        #expect(result.stdout.contains("lastName: \"{{last_name}}\""), "\(result.stdout)")
        #expect(result.stdout.contains("email: \"{{email}}\""), "\(result.stdout)")

        let wrongStep = try await CLIHarness.hookline(["map", "suggest", "--config", config, "--flow", "f", "--step", "contacts"])
        #expect(wrongStep.status == 1)
        #expect(wrongStep.stderr.contains("flow 'f' has no step 'contacts' (its steps: contact)"), "\(wrongStep.stderr)")
    }
}
