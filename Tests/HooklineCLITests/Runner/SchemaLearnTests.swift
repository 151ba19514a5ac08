import ConnectorKit
import Foundation
import Testing

/// `hookline schema learn`: a flow's schema from the events a store holds.
@Suite("hookline schema learn")
struct SchemaLearnTests {
    static let config = RunnerConfigs.ingestOnly(flows: """
        profile:
          trigger: {connector: iterable, trigger: journey_webhook}
          steps:
            - {connector: webhook, action: send, connection: crm, mapping: {url: /contacts}}
        other:
          trigger: {connector: iterable, trigger: journey_webhook}
          steps:
            - {connector: webhook, action: send, connection: crm, mapping: {url: /other}}
        """)

    /// Event `n` of 1,000 varied ones: members that come and go, integers and decimals, nulls,
    /// nested objects and arrays, and one member only event 500 has.
    static func event(_ n: Int) -> JSONValue {
        var object = JSONObject([("email", .string("user\(n)@example.com")), ("n", .integer(Int64(n)))])
        if n % 3 == 0 { object["plan"] = .string(["free", "pro", "team"][n % 9 / 3]) }
        object["score"] = n % 4 == 0 ? .number(JSONNumber(Double(n) / 8)!) : .integer(Int64(n % 17))
        if n % 5 == 0 { object["lastName"] = n % 10 == 0 ? .null : "Lima" }
        if n % 7 == 0 { object["profile"] = ["city": "Austin", "tags": .array((0..<(n % 3)).map { .string("t\($0)") })] }
        if n == 500 { object["rare"] = true }
        return .object(object)
    }

    /// Posts events `order` to a fresh runner's `profile` flow (and a few to `other`), stops it,
    /// and returns `schema learn`'s output with the sandbox.
    func learned(_ order: [Int], arguments: [String] = []) async throws -> (String, RunnerSandbox) {
        let sandbox = try RunnerSandbox(config: Self.config)
        let runner = try await sandbox.start()
        for n in order {
            let reply = try await runner.post("profile", event: Self.event(n))
            try #require(reply.status == 202, "\(reply.text)")
        }
        for n in 0..<3 {
            _ = try await runner.post("other", event: ["somethingElse": .integer(Int64(n))])
        }
        #expect(try await runner.terminate() == 0)
        let result = try await CLIHarness.hookline(["schema", "learn", "--flow", "profile", "--store", "sqlite:" + sandbox.storePath] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return (result.stdout, sandbox)
    }

    @Test("1,000 stored events: every one validates against the learned schema, in which a member one event had is optional; any order gives the same bytes")
    func learnsFromTheStore() async throws {
        let (schema, sandbox) = try await learned(Array(1...1000))
        let directory = sandbox.directory
        let schemaFile = try CLIHarness.write(schema, "learned.json", in: directory)
        let events = try CLIHarness.write((1...1000).map { Self.event($0).serialized() }.joined(separator: "\n") + "\n", "events.ndjson", in: directory)
        let validator = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            bad = [n for n, line in enumerate(open(sys.argv[2]), 1) if list(v.iter_errors(json.loads(line)))]
            print("%d invalid" % len(bad))
            """
        let checked = try await CLIHarness.python(["-c", validator, schemaFile, events])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout == "0 invalid\n", "\(checked.stderr)")

        let parsed = try JSONParser.parse(schema)
        let required = (parsed["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(Set(required) == ["email", "n", "score"], "\(schema)")
        #expect(parsed["properties"]?["rare"]?["type"] == "boolean")
        #expect(parsed["properties"]?["score"]?["type"] == "number")
        #expect(parsed["properties"]?["somethingElse"] == nil, "another flow's events stay out")
        #expect(!schema.contains(sandbox.storePath) && !schema.contains("1000"), "no paths or counts")

        let (reversed, _) = try await learned(Array((1...1000).reversed()))
        #expect(reversed == schema)

        // --limit: the newest events only (18, 19 and 20: no `profile`, which 7 and 14 have).
        let (all, _) = try await learned(Array(1...20), arguments: ["--format", "fields"])
        let (newest, _) = try await learned(Array(1...20), arguments: ["--limit", "3", "--format", "fields"])
        #expect(all.contains("\"profile\""), "\(all)")
        #expect(!newest.contains("\"profile\"") && newest.contains("\"email\""), "\(newest)")
    }

    @Test("A flow with no stored events is an error that says so")
    func noEvents() async throws {
        let sandbox = try RunnerSandbox(config: Self.config)
        let runner = try await sandbox.start()
        #expect(try await runner.terminate() == 0)
        let result = try await CLIHarness.hookline(["schema", "learn", "--flow", "profle", "--store", "sqlite:" + sandbox.storePath])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: the store holds no events of flow 'profle'"), "\(result.stderr)")
        let badSpan = try await CLIHarness.hookline(["schema", "learn", "--flow", "profile", "--since", "7 days", "--store", "sqlite:" + sandbox.storePath])
        #expect(badSpan.status != 0)
        #expect(badSpan.stderr.contains("--since takes a number and a unit"), "\(badSpan.stderr)")
    }
}
