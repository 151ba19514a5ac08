import ConnectorKit
import ConnectorTesting
import CloutlyConnector
import Testing

/// Cloutly's failures map to the right error kinds, without the API key in them.
@Suite struct CloutlyErrorTests {
    static let failures = CannedFailure.standard + [
        CannedFailure("2xx that is not JSON", response: .status(200, body: "<html>"), kind: .permanent, code: "bad_response"),
    ]

    /// Each action with a valid input.
    static func input(of action: String) throws -> JSONValue {
        switch action {
        case "add_contact_to_review_automation": try SchemaSamples.load("cloutly/review-automation-contact/iterable-journey")
        case "send_review_invite": try SchemaSamples.load("cloutly/send-review-invite/email-and-phone")
        default: [:]
        }
    }

    @Test(arguments: failures, ["add_contact_to_review_automation", "send_review_invite", "list_businesses"])
    func failuresMapToTheirKind(_ failure: CannedFailure, action: String) async throws {
        // The automation callback's answer is not read, so any 2xx succeeds there.
        if failure.code == "bad_response", action == "add_contact_to_review_automation" { return }
        let input = try Self.input(of: action)
        try await withConnectorTestKit(CloutlyConnector(), connection: CloutlyActionTests.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run(action, input, timeout: CannedFailure.timeout)
                Issue.record("\(failure) must fail")
            } catch let error as ConnectorError {
                #expect(failure.matches(error), "\(error)")
                #expect(!error.description.contains(CloutlyActionTests.key))
                #expect(!"\(error)".contains(CloutlyActionTests.key))
            }
            #expect(kit.server.requests.count == 1)
        }
    }
}
