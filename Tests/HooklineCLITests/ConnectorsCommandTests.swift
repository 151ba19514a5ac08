import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

@Suite struct ConnectorsCommandTests {
    @Test func listsEveryBuiltInConnector() async throws {
        let result = try await CLIHarness.hookline(["connectors", "list", "--json"])
        #expect(result.status == 0)
        let list = try JSONParser.parse(result.stdout)
        // The shipped four first; `hookline new connector` appends its own after them.
        #expect(list.arrayValue?.compactMap { $0["id"]?.stringValue }.prefix(4) == ["iterable@1", "regal@1", "cloutly@1", "webhook@1"])
        let table = try await CLIHarness.hookline(["connectors", "list"])
        #expect(table.stdout.hasPrefix("ID"))
        #expect(table.stdout.contains("cloutly@1"))
    }

    @Test func describesFieldsAndSuggestsNames() async throws {
        let text = try await CLIHarness.hookline(["connectors", "describe", "cloutly"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("send_review_invite"))
        #expect(text.stdout.contains("businessId"))
        let json = try JSONParser.parse(try await CLIHarness.hookline(["connectors", "describe", "iterable@1", "--json"]).stdout)
        #expect(json["regions"]?["eu"] == "https://api.eu.iterable.com")
        #expect(json["triggers"]?.arrayValue?.count == 2)
        let unknown = try await CLIHarness.hookline(["connectors", "describe", "clouty"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'cloutly'?"))
    }

    @Test func callPerformsAnActionForReal() async throws {
        let server = try await LoopbackServer.start()
        server.enqueue(.json(200, ["contact": ["id": "c-1"], "usage": ["invites": 3]]))
        let directory = try CLIHarness.temporaryDirectory()
        let input = try CLIHarness.write(#"{"email":"ana@example.com","businessId":"b-1","firstName":"Ana"}"#, "in.json", in: directory)
        let connection = try CLIHarness.write(#"{"apiKey":"cloutly-secret-key"}"#, "c.json", in: directory)
        let result = try await CLIHarness.hookline(["connectors", "call", "cloutly", "send_review_invite", "--input", input,
                                                    "--connection", connection, "--base-url", server.baseURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONParser.parse(result.stdout)["contact"] == ["id": "c-1"])
        let request = try #require(server.requests.first)
        #expect(request.path == "/api/v1/send-review-invite")
        #expect(request.headers["x-api-key"] == "cloutly-secret-key")

        server.enqueue(.status(401, body: "bad key cloutly-secret-key"))
        let refused = try await CLIHarness.hookline(["connectors", "call", "cloutly", "send_review_invite", "--input", input,
                                                     "--connection", connection, "--base-url", server.baseURL])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("authentication"))
        #expect(refused.stderr.contains("401"))
        #expect(!refused.stderr.contains("cloutly-secret-key"), "the key never reaches the terminal")
        try await server.shutdown()
    }
}
