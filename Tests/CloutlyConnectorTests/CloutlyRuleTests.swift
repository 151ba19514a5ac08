import ConnectorKit
import ConnectorTesting
import CloutlyConnector
import Testing

/// Input Cloutly cannot use is an `invalid_input` error naming the path and the fix, and
/// nothing is sent.
@Suite struct CloutlyRuleTests {
    struct Violation: Sendable, CustomTestStringConvertible {
        var name: String
        var action: String
        var input: @Sendable () throws -> JSONValue
        var expected: [String]
        var testDescription: String { name }
    }

    static func contact() throws -> JSONValue { try SchemaSamples.load("cloutly/review-automation-contact/iterable-journey") }
    static func invite() throws -> JSONValue { try SchemaSamples.load("cloutly/send-review-invite/email-and-phone") }
    static let noCampaign = "Cloutly would silently add a contact without locationIdentifier to no campaign"
    static let fixMapping = "map the profile field holding the contact's Cloutly location id"

    static let violations: [Violation] = [
        Violation(name: "contact without locationIdentifier", action: "add_contact_to_review_automation",
                  input: { try contact().with("locationIdentifier", nil) },
                  expected: ["at /locationIdentifier", "missing or empty", noCampaign, fixMapping]),
        Violation(name: "contact with a null locationIdentifier", action: "add_contact_to_review_automation",
                  input: { try contact().with("locationIdentifier", .null) },
                  expected: ["at /locationIdentifier", "missing or empty", noCampaign, fixMapping]),
        Violation(name: "contact with an empty locationIdentifier", action: "add_contact_to_review_automation",
                  input: { try contact().with("locationIdentifier", "  ") },
                  expected: ["at /locationIdentifier", "missing or empty", noCampaign, fixMapping]),
        Violation(name: "contact without email and phoneNumber", action: "add_contact_to_review_automation",
                  input: { try contact().with("email", nil).with("phoneNumber", nil) },
                  expected: ["at (root)", "needs at least one of email, phoneNumber"]),
        Violation(name: "contact phone without country code", action: "add_contact_to_review_automation",
                  input: { try contact().with("phoneNumber", "5551230000") },
                  expected: ["at /phoneNumber", "expected phone format", "5551230000"]),
        Violation(name: "invite without email and phoneNumber", action: "send_review_invite",
                  input: { try invite().with("email", nil).with("phoneNumber", nil) },
                  expected: ["at (root)", "needs at least one of email, phoneNumber (group 'contact')"]),
        Violation(name: "invite phone without country code", action: "send_review_invite",
                  input: { try invite().with("phoneNumber", "(555) 123-0000") },
                  expected: ["at /phoneNumber", "expected phone format"]),
        Violation(name: "invite email malformed", action: "send_review_invite",
                  input: { try invite().with("email", "ana.example.com") },
                  expected: ["at /email", "expected email format"]),
        Violation(name: "invite without businessId", action: "send_review_invite",
                  input: { try invite().with("businessId", nil) },
                  expected: ["at (root)", "missing required member 'businessId'"]),
        Violation(name: "invite with a negative delay", action: "send_review_invite",
                  input: { try invite().with("inviteDelayDays", -2) },
                  expected: ["at /inviteDelayDays", "-2 is negative", "send 0 to invite now"]),
        Violation(name: "invite with a fractional delay", action: "send_review_invite",
                  input: { try invite().with("inviteDelayDays", 1.5) },
                  expected: ["at /inviteDelayDays", "expected an integer"]),
    ]

    @Test(arguments: violations)
    func badInputIsInvalidInputAndSendsNothing(_ violation: Violation) async throws {
        let input = try violation.input()
        try await withConnectorTestKit(CloutlyConnector(), connection: CloutlyActionTests.connection) { kit in
            let error = try await kit.refusal(violation.action, input)
            #expect(error.message.hasPrefix(violation.action + ": "))
            for text in violation.expected {
                #expect(error.message.contains(text), "\(error.message) lacks \(text)")
            }
            #expect(!error.description.contains(CloutlyActionTests.key))
        }
    }

    @Test func theMissingLocationFieldExplainsWhyAndHowToFixIt() {
        let field = AddContactToReviewAutomation().inputFields.first { $0.name == "locationIdentifier" }
        #expect(field?.hint?.contains(Self.noCampaign) == true)
        #expect(field?.hint?.contains(Self.fixMapping) == true)
    }
}
