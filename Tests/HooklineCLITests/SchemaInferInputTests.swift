import Foundation
import Testing

/// Input forms and bad input for `hookline schema infer`.
@Suite struct SchemaInferInputTests {
    @Test func malformedLineNamesFileLineAndColumnAndPrintsNothing() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("{\"a\":1}\n\n{\"a\":2}\n{\"a\": tru}\n", "bad.ndjson", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(file):4:7: error:"), "\(result.stderr)")
    }

    @Test func errorInALaterBlockStillHasTheRightLine() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let good = String(repeating: "{\"email\":\"a@example.com\",\"n\":1}\n", count: 300_000)
        let file = try CLIHarness.write(good + "{\"email\":}\n", "late.ndjson", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(file):300001:10: error:"), "\(result.stderr)")
    }

    @Test func nonObjectSampleIsRefused() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("  [1, 2]\n", "array.json", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("\(file):1:3: error: a sample must be a JSON object, found array"), "\(result.stderr)")
    }

    @Test func tooDeepSampleIsRefused() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let deep = "{\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        let file = try CLIHarness.write(deep, "deep.json", in: directory)
        let refused = try await CLIHarness.hookline(["schema", "infer", "--max-depth", "20", file])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("\(file):1:"), "\(refused.stderr)")
        let accepted = try await CLIHarness.hookline(["schema", "infer", file])
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test func missingFileIsAClearError() async throws {
        let result = try await CLIHarness.hookline(["schema", "infer", "/nonexistent/x.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/x.json: error: cannot open"))
    }

    @Test func eachElementOfATopLevelArrayIsASample() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("[{\"id\": 1, \"tag\": \"x\"}, {\"id\": 2.5}]", "many.json", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--each", file])
        #expect(result.status == 0, "\(result.stderr)")
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let properties = schema?["properties"] as? [String: Any]
        #expect((properties?["id"] as? [String: Any])?["type"] as? String == "number")
        #expect(schema?["required"] as? [String] == ["id"])

        let bad = try CLIHarness.write("[{\"id\": 1},\n {\"id\": }]", "bad-each.json", in: directory)
        let failed = try await CLIHarness.hookline(["schema", "infer", "--each", bad])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("\(bad):2:9: error:"), "\(failed.stderr)")
    }

    @Test func standardInputAndFieldListOutput() async throws {
        let input = Data("{\"email\":\"ana@example.com\",\"signupDate\":\"2026-01-02\"}\n{\"email\":\"ben@example.com\"}\n".utf8)
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--format", "fields", "-"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect(fields?.count == 2)
        #expect(fields?[0]["name"] as? String == "email")
        #expect(fields?[0]["control_type"] as? String == "email")
        #expect(fields?[1]["type"] as? String == "date")
        #expect(fields?[1]["optional"] as? Bool == true)
    }

    @Test func csvRowsAreTypedSamples() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("email;count;vip;note\nana@example.com;3;true;\"a;b \"\"q\"\"\"\nben@example.com;;false;\n", "people.csv", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--csv", "--separator", ";", file])
        #expect(result.status == 0, "\(result.stderr)")
        let schema = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let properties = schema?["properties"] as? [String: Any]
        #expect((properties?["count"] as? [String: Any])?["type"] as? String == "integer")
        #expect((properties?["vip"] as? [String: Any])?["type"] as? String == "boolean")
        #expect((properties?["email"] as? [String: Any])?["format"] as? String == "email")
        #expect(schema?["required"] as? [String] == ["email", "vip"])

        let ragged = try CLIHarness.write("a,b\n1,2,3\n", "ragged.csv", in: directory)
        let failed = try await CLIHarness.hookline(["schema", "infer", "--csv", ragged])
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix("\(ragged):2:1: error: row has 3 cells"), "\(failed.stderr)")
    }

    @Test func explainPrintsEvidenceOnStandardError() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("{\"a\":null,\"t\":\"2026-01-02T03:04:05Z\"}\n{\"a\":1,\"b\":1.5}\n", "e.ndjson", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--explain", file])
        #expect(result.status == 0)
        #expect(result.stderr.contains("explain: /a: nullable: null was seen"), "\(result.stderr)")
        #expect(result.stderr.contains("explain: /b: optional: absent from at least one object"), "\(result.stderr)")
        #expect(result.stderr.contains("explain: /t: format RFC 3339 date-time"), "\(result.stderr)")
        #expect(!result.stdout.contains("explain"))
    }

    @Test func manyJSONFilesAreOneSampleEachAndTheFirstBadOneIsReported() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        var files: [String] = []
        for index in 0..<9 {
            files.append(try CLIHarness.write("{\"id\": \(index), \"k\(index % 3)\": true}", "s\(index).json", in: directory))
        }
        let forward = try await CLIHarness.hookline(["schema", "infer", "--jobs", "2"] + files)
        let backward = try await CLIHarness.hookline(["schema", "infer", "--jobs", "1"] + files.reversed())
        #expect(forward.status == 0 && forward.stdout == backward.stdout)
        #expect(forward.stdout.contains("\"k2\""))
        let bad1 = try CLIHarness.write("{\"id\": }", "bad1.json", in: directory)
        let bad2 = try CLIHarness.write("[]", "bad2.json", in: directory)
        for jobs in ["1", "2"] {
            let failed = try await CLIHarness.hookline(["schema", "infer", "--jobs", jobs] + files + [bad1, bad2])
            #expect(failed.status == 1)
            #expect(failed.stdout.isEmpty)
            #expect(failed.stderr.hasPrefix("\(bad1):1:8: error:"), "\(failed.stderr)")
        }
    }

    @Test func emptyInputWarns() async throws {
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "-"], stdin: Data())
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: no samples were read"))
    }

    @Test func oversizedSampleIsRefused() async throws {
        let directory = try CLIHarness.temporaryDirectory()
        let file = try CLIHarness.write("{\"a\":1}\n{\"big\":\"\(String(repeating: "x", count: 2000))\"}\n", "big.ndjson", in: directory)
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--max-sample-bytes", "1000", file])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(file):2:1: error: sample of 2010 bytes is larger than the limit of 1000 bytes"), "\(result.stderr)")
    }

    @Test func conflictingInputModesAreRejected() async throws {
        let result = try await CLIHarness.hookline(["schema", "infer", "--ndjson", "--csv", "x"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("choose at most one of --ndjson, --each and --csv"))
    }
}
