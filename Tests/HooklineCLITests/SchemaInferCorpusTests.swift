import Foundation
import Testing

/// The "must show": the shared corpus validates against the inferred schema with
/// Python's `jsonschema` (Draft 2020-12, formats checked), and the schema says what it should.
@Suite struct SchemaInferCorpusTests {
    @Test func everyCorpusSampleValidatesWithPythonJSONSchema() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let corpus = directory.appendingPathComponent("c.ndjson")
        try await CLIHarness.makeCorpus(20000, at: corpus)
        let inferred = try await CLIHarness.hookline(["schema", "infer", "--ndjson", corpus.path])
        #expect(inferred.status == 0, "stderr: \(inferred.stderr)")
        let schemaFile = directory.appendingPathComponent("schema.json")
        try inferred.stdout.write(to: schemaFile, atomically: true, encoding: .utf8)

        let validator = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            checked = set(Draft202012Validator.FORMAT_CHECKER.checkers)
            missing = {"email", "uri", "date-time"} - checked
            if missing:
                sys.exit("format checkers missing (pip install rfc3987 rfc3339-validator): %s" % sorted(missing))
            n = bad = 0
            for line in open(sys.argv[2], encoding="utf-8"):
                if not line.strip(): continue
                n += 1
                errors = list(v.iter_errors(json.loads(line)))
                if errors:
                    bad += 1
                    if bad <= 3: print("invalid sample %d: %s" % (n, errors[0].message), file=sys.stderr)
            print("%d valid, %d invalid" % (n - bad, bad))
            """
        let result = try await CLIHarness.python(["-c", validator, schemaFile.path, corpus.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "20000 valid, 0 invalid", "\(result.stderr)")

        let schema = try #require(try JSONSerialization.jsonObject(with: Data(inferred.stdout.utf8)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let email = try #require(properties["email"] as? [String: Any])
        #expect(email["format"] as? String == "email")
        let dataFields = try #require(properties["dataFields"] as? [String: Any])
        let fields = try #require(dataFields["properties"] as? [String: Any])
        let required = Set((dataFields["required"] as? [String]) ?? [])
        let workflowId = try #require(fields["workflowId"] as? [String: Any])
        #expect(workflowId["type"] as? [String] == ["integer", "null"])
        let locale = try #require(fields["locale"] as? [String: Any])
        #expect(!required.contains("locale"))
        #expect((locale["type"] as? [String])?.contains("null") == true)
        let url = try #require(fields["url"] as? [String: Any])
        #expect(url["format"] as? String == "uri")
        // createdAt is "2026-03-04 05:06:07 +00:00": a space is not RFC 3339, so no format.
        let createdAt = try #require(fields["createdAt"] as? [String: Any])
        #expect(createdAt["format"] == nil)
    }

    @Test func shufflingAndSplittingTheCorpusGivesByteIdenticalOutput() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let corpus = directory.appendingPathComponent("c.ndjson")
        try await CLIHarness.makeCorpus(20000, at: corpus, seed: 11)
        let reference = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--jobs", "1", corpus.path])
        #expect(reference.status == 0, "stderr: \(reference.stderr)")

        let original = try String(contentsOf: corpus, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        // A fixed permutation (7919 is prime and does not divide 20000): every line, far from its place.
        let lines = original.indices.map { original[($0 * 7919) % original.count] }
        #expect(Set(lines).count == Set(original).count)
        var parts: [String] = []
        for (index, cut) in [0..<3000, 3000..<3001, 3001..<12000, 12000..<lines.count].enumerated() {
            let part = directory.appendingPathComponent("part\(index).ndjson")
            try (lines[cut].joined(separator: "\n") + "\n").write(to: part, atomically: true, encoding: .utf8)
            parts.append(part.path)
        }
        for (files, jobs) in [(parts, "2"), (parts.reversed(), "1"), ([parts[2], parts[0], parts[3], parts[1]], "2")] {
            let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--jobs", jobs] + files)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout == reference.stdout)
        }
        // Standard input goes through the streaming block reader (split across jobs per block),
        // a regular file through the memory map: the same schema either way.
        let piped = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--jobs", "2", "-"], stdin: try Data(contentsOf: corpus))
        #expect(piped.status == 0, "stderr: \(piped.stderr)")
        #expect(piped.stdout == reference.stdout)
        // Also as fields and with enums on, still order-independent.
        let a = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--enums", "--format", "fields", corpus.path])
        let b = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--enums", "--format", "fields", "--jobs", "1"] + parts.reversed())
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"pick_list\""), "eventName-like fields become enums with --enums")
    }
}
