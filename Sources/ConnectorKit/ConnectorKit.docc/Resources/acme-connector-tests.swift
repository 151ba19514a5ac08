import AcmeConnector
import ConnectorKit
import ConnectorTesting
import Testing

@Suite struct AcmeConnectorTests {
    static let connection = Connection.apiKey("acme-test-key", scheme: .apiKeyHeader(name: "X-Acme-Key"))

    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(AcmeConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func upsertsTheContact() async throws {
        try await withConnectorTestKit(AcmeConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["id": "ct_42", "created": true]))
            let output = try await kit.run("upsert_contact", ["email": "ana@example.com", "firstName": "Ana"])
            #expect(output == ["contactId": "ct_42", "created": true])
            let request = try kit.onlyRequest()
            #expect(request.method == "PUT")
            #expect(request.path == "/v2/contacts")
            #expect(request.headers["X-Acme-Key"] == "acme-test-key")
            #expect(request.json == ["email": "ana@example.com", "firstName": "Ana"])
        }
    }

    @Test func refusesTooManyTagsBeforeSending() async throws {
        try await withConnectorTestKit(AcmeConnector(), connection: Self.connection) { kit in
            let tags = JSONValue.array((1...21).map { .string("tag\($0)") })
            let error = try await kit.refusal("upsert_contact", ["email": "ana@example.com", "tags": tags])
            #expect(error.message.contains("/tags"))
        }
    }

    @Test(arguments: CannedFailure.standard)
    func failuresMapToTheirKind(_ failure: CannedFailure) async throws {
        try await withConnectorTestKit(AcmeConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run("upsert_contact", ["email": "ana@example.com"], timeout: CannedFailure.timeout)
                Issue.record("\(failure) must fail")
            } catch let error as ConnectorError {
                #expect(failure.matches(error), "\(error)")
            }
        }
    }
}
