import Foundation
import Testing

/// `hookline template render` and `hookline map` end to end.
@Suite struct TemplateAndMapCommandTests {
    @Test func renderWithDataAndEscapingByExtension() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let template = try CLIHarness.write(#"{"email": "{{email}}", "note": "{{note}}"}"#, "body.json", in: directory)
        let data = try CLIHarness.write(#"{"email": "a@example.com", "note": "say \"hi\""}"#, "data.json", in: directory)
        let result = try await CLIHarness.hookline(["template", "render", template, "--data", data])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"email": "a@example.com", "note": "say \"hi\""}"#)
        let html = try await CLIHarness.hookline(["template", "render", template, "--data", data, "--escape", "html"])
        #expect(html.stdout.contains("say &quot;hi&quot;"))
    }

    @Test func renderOncePerNDJSONLine() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let template = try CLIHarness.write("{\n  \"e\": \"{{email}}\",\n  \"n\": {{n}}\n}\n", "body.json", in: directory)
        let events = try CLIHarness.write("{\"email\":\"a@x.example\",\"n\":1}\n\n{\"email\":\"b@x.example\",\"n\":2}\n", "events.ndjson", in: directory)
        let result = try await CLIHarness.hookline(["template", "render", template, "--ndjson", events])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\"e\":\"a@x.example\",\"n\":1}\n{\"e\":\"b@x.example\",\"n\":2}\n")
    }

    @Test func templateSyntaxErrorsNameTheFilePosition() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let template = try CLIHarness.write("Hi {{name}}\n{{#each items}}\n", "t.txt", in: directory)
        let data = try CLIHarness.write("{}", "d.json", in: directory)
        let result = try await CLIHarness.hookline(["template", "render", template, "--data", data])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(template):2:1: error: {{#each}} is never closed: add {{/each}}\n{{#each items}}\n^"), "\(result.stderr)")
    }

    @Test func mapChecksAgainstSchemasWithFileLines() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let event = try CLIHarness.sample("iterable/journey-webhook/cloutly").path
        let schema = directory.appendingPathComponent("source.json").path
        let inferred = try await CLIHarness.hookline(["schema", "infer", event])
        try inferred.stdout.write(toFile: schema, atomically: true, encoding: .utf8)
        let target = try CLIHarness.write(#"[{"name":"email","type":"string","optional":true,"control_type":"email","required_group":"contact"},{"name":"locationIdentifier","type":"string"},{"name":"visits","type":"integer","optional":true}]"#, "target.json", in: directory)
        let bad = try CLIHarness.write("email: \"{{emial}}\"\nvisits: \"{{firstName}}\"\n", "bad.yaml", in: directory)
        let failed = try await CLIHarness.hookline(["map", "--mapping", bad, "--input", event, "--schema", schema, "--target", target])
        #expect(failed.status == 1)
        #expect(failed.stdout.isEmpty)
        #expect(failed.stderr.contains("error at \(bad):1:1 (/email): unknown source path 'emial': the event has no member 'emial' (hint: did you mean 'email'?)"), "\(failed.stderr)")
        #expect(failed.stderr.contains("missing required field 'locationIdentifier'"))

        let good = try CLIHarness.write("email: \"{{email}}\"\nlocationIdentifier:\n  path: locationIdentifier\n  onMissing: fail\n", "good.yaml", in: directory)
        let mapped = try await CLIHarness.hookline(["map", "--mapping", good, "--input", event, "--schema", schema, "--target", target])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout == "{\n  \"email\": \"ana@example.com\",\n  \"locationIdentifier\": \"loc-42\"\n}\n")

        let suggested = try await CLIHarness.hookline(["map", "suggest", "--source", schema, "--target", target])
        #expect(suggested.status == 0)
        #expect(suggested.stdout.contains("email: \"{{email}}\""))
        #expect(suggested.stdout.contains("locationIdentifier: \"{{locationIdentifier}}\""))
        #expect(suggested.stdout.contains("# visits: ?"))
    }

    @Test func badYAMLIsAClearError() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let mapping = try CLIHarness.write("email: \"{{email}}\"\n  bad: [\n", "m.yaml", in: directory)
        let event = try CLIHarness.write("{}", "e.json", in: directory)
        let result = try await CLIHarness.hookline(["map", "--mapping", mapping, "--input", event])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(mapping):2:"), "\(result.stderr)")
    }
}
