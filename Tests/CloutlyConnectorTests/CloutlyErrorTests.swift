import ConnectorKit
import ConnectorTesting
import CloutlyConnector
import Testing

/// Cloutly's failures map to the right error kinds, without the API key in them.
@Suite struct CloutlyErrorTests {
    struct Failure: Sendable, CustomTestStringConvertible {
        var name: String
        var response: CannedResponse
        var kind: ConnectorError.Kind
        var code: String
        var retryAfter: Duration?
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "400", response: .status(400, body: #"{"message":"businessId is invalid"}"#), kind: .permanent, code: "http_400"),
        Failure(name: "401", response: .unauthorized, kind: .authentication, code: "http_401"),
        Failure(name: "429 with Retry-After", response: .tooManyRequests(retryAfter: 30), kind: .retryable, code: "http_429", retryAfter: .seconds(30)),
        Failure(name: "503", response: .unavailable, kind: .retryable, code: "http_503"),
        Failure(name: "hang past the timeout", response: .hang(for: .seconds(3)), kind: .retryable, code: "timeout"),
        Failure(name: "closed connection", response: .closeConnection, kind: .retryable, code: "connection"),
        Failure(name: "2xx that is not JSON", response: .status(200, body: "<html>"), kind: .permanent, code: "bad_response"),
    ]

    /// Each action with a valid input.
    static func input(of action: String) throws -> JSONValue {
        switch action {
        case "add_contact_to_review_automation": try CloutlyRepository.sample("review-automation-contact/iterable-journey")
        case "send_review_invite": try CloutlyRepository.sample("send-review-invite/email-and-phone")
        default: [:]
        }
    }

    @Test(arguments: failures, ["add_contact_to_review_automation", "send_review_invite", "list_businesses"])
    func failuresMapToTheirKind(_ failure: Failure, action: String) async throws {
        // The automation callback's answer is not read, so any 2xx succeeds there.
        if failure.code == "bad_response", action == "add_contact_to_review_automation" { return }
        let input = try Self.input(of: action)
        try await withConnectorTestKit(CloutlyConnector(), connection: CloutlyActionTests.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run(action, input, timeout: .milliseconds(500))
                Issue.record("\(failure.name) must fail")
            } catch let error as ConnectorError {
                #expect(error.kind == failure.kind)
                #expect(error.code == failure.code)
                #expect(error.retryAfter == failure.retryAfter)
                #expect(!error.description.contains(CloutlyActionTests.key))
                #expect(!"\(error)".contains(CloutlyActionTests.key))
            }
            #expect(kit.server.requests.count == 1)
        }
    }
}
