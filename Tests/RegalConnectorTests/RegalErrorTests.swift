import ConnectorKit
import ConnectorTesting
import RegalConnector
import Testing

/// Regal's answers and failures map to the right error kinds, without the API key in them.
@Suite struct RegalErrorTests {
    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var response: CannedResponse
        var kind: ConnectorError.Kind
        var code: String
        var retryAfter: Duration?
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "400", response: .status(400, body: #"{"error":"bad traits"}"#), kind: .permanent, code: "http_400"),
        Failure(name: "401", response: .unauthorized, kind: .authentication, code: "http_401"),
        Failure(name: "429 with Retry-After", response: .tooManyRequests(retryAfter: 7), kind: .retryable, code: "http_429", retryAfter: .seconds(7)),
        Failure(name: "503", response: .unavailable, kind: .retryable, code: "http_503"),
        Failure(name: "hang past the timeout", response: .hang(for: .seconds(3)), kind: .retryable, code: "timeout"),
        Failure(name: "closed connection", response: .closeConnection, kind: .retryable, code: "connection"),
    ]

    @Test(arguments: failures, ["upsert_contact", "track_event"])
    func failuresMapToTheirKind(_ failure: Failure, action: String) async throws {
        let sample = try RegalSamples.load(action == "upsert_contact" ? "contact/legacy-format" : "event/newer-format")
        try await withConnectorTestKit(RegalConnector(), connection: RegalActionTests.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run(action, sample, timeout: .milliseconds(500))
                Issue.record("\(failure.name) must fail")
            } catch let error as ConnectorError {
                #expect(error.kind == failure.kind)
                #expect(error.code == failure.code)
                #expect(error.retryAfter == failure.retryAfter)
                #expect(!error.description.contains(RegalActionTests.key))
                #expect(!"\(error)".contains(RegalActionTests.key))
            }
            #expect(kit.server.requests.count == 1)
        }
    }

    @Test func aPermanentErrorKeepsTheStatusAndBody() async throws {
        let sample = try RegalSamples.load("contact/newer-format")
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
