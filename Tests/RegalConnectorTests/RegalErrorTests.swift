import ConnectorKit
import ConnectorTesting
import RegalConnector
import Testing

/// Regal's answers and failures map to the right error kinds, without the API key in them.
@Suite struct RegalErrorTests {
    @Test(arguments: CannedFailure.standard, ["upsert_contact", "track_event"])
    func failuresMapToTheirKind(_ failure: CannedFailure, action: String) async throws {
        let sample = try SchemaSamples.load("regal/\(action == "upsert_contact" ? "contact/legacy-format" : "event/newer-format")")
        try await withConnectorTestKit(RegalConnector(), connection: RegalActionTests.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run(action, sample, timeout: CannedFailure.timeout)
                Issue.record("\(failure) must fail")
            } catch let error as ConnectorError {
                #expect(failure.matches(error), "\(error)")
                #expect(!error.description.contains(RegalActionTests.key))
                #expect(!"\(error)".contains(RegalActionTests.key))
            }
            #expect(kit.server.requests.count == 1)
        }
    }

    @Test func aPermanentErrorKeepsTheStatusAndBody() async throws {
        let sample = try SchemaSamples.load("regal/contact/newer-format")
        try await withConnectorTestKit(RegalConnector(), connection: RegalActionTests.connection) { kit in
            kit.server.enqueue(.status(400, body: #"{"error":"bad traits"}"#))
            do {
                _ = try await kit.run("upsert_contact", sample)
                Issue.record("a 400 must fail")
            } catch let error as ConnectorError {
                #expect(error.status == 400)
                #expect(error.bodyExcerpt == #"{"error":"bad traits"}"#)
                #expect(error.message == "POST \(kit.server.baseURL)/events answered 400")
            }
        }
    }
}
