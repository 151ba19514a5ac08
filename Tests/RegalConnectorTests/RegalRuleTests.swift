import ConnectorKit
import ConnectorTesting
import RegalConnector
import Testing

/// Every broken Regal rule is an `invalid_input` error naming the JSON path and the fix, and
/// nothing reaches the server.
@Suite struct RegalRuleTests {
    struct Violation: Sendable, CustomTestStringConvertible {
        var name: String
        var action: String
        var input: @Sendable () throws -> JSONValue
        /// Texts the error's message must contain (path, what, how to fix).
        var expected: [String]
        var testDescription: String { name }
    }

    static func legacy() throws -> JSONValue { try SchemaSamples.load("regal/contact/legacy-format") }
    static func newer() throws -> JSONValue { try SchemaSamples.load("regal/contact/newer-format") }

    static let violations: [Violation] = [
        Violation(name: "no identifier at all", action: "upsert_contact", input: { ["traits": ["firstName": "Ana"]] },
                  expected: ["at /traits", "no identifier", "map traits.phone (E.164), traits.phones or traits.emails, or a userId"]),
        Violation(name: "older format: an email alone", action: "track_event",
                  input: { ["traits": ["email": "ana@example.com"], "name": "Signed Up"] },
                  expected: ["at /traits", "email alone does not identify a new contact", "a userId"]),
        Violation(name: "empty userId and empty phones", action: "upsert_contact",
                  input: { ["userId": "", "traits": ["phones": [:]]] },
                  expected: ["at /traits", "no identifier"]),
        Violation(name: "mixed formats", action: "upsert_contact",
                  input: { try legacy().withTrait("phones", ["+15551230000": ["isPrimary": true]]) },
                  expected: ["at /traits", "mixes the older traits format (phone, email, optIn) with the newer one (phones)", "use one format per call"]),
        Violation(name: "older phone not E.164", action: "upsert_contact", input: { try legacy().withTrait("phone", "555-123-0000") },
                  expected: ["at /traits/phone", "expected phone format", "555-123-0000"]),
        Violation(name: "newer phone key not E.164", action: "upsert_contact",
                  input: { try newer().withTrait("phones", ["(555) 123-0000": ["isPrimary": true]]) },
                  expected: ["at /traits/phones/(555) 123-0000", "not a valid phone", "E.164"]),
        Violation(name: "newer email key not an address", action: "track_event",
                  input: { try newer().withTrait("emails", ["ana-at-example": ["isPrimary": true]]).with("name", "X") },
                  expected: ["at /traits/emails/ana-at-example", "not a valid email", "key each entry by its e-mail address"]),
        Violation(name: "optIn entry without channel", action: "upsert_contact",
                  input: { try legacy().withTrait("optIn", [["source": "webform", "subscribed": true]]) },
                  expected: ["at /traits/optIn/0", "missing required member 'channel'"]),
        Violation(name: "optIn entry without subscribed", action: "upsert_contact",
                  input: { try legacy().withTrait("optIn", [["channel": "sms"]]) },
                  expected: ["at /traits/optIn/0", "missing required member 'subscribed'"]),
        Violation(name: "optIn channel not voice or sms", action: "upsert_contact",
                  input: { try legacy().withTrait("optIn", [["channel": "email", "subscribed": true]]) },
                  expected: ["at /traits/optIn/0/channel", "not one of the allowed values", "\"voice\", \"sms\""]),
        Violation(name: "optIn subscribed not a boolean", action: "upsert_contact",
                  input: { try legacy().withTrait("optIn", [["channel": "voice", "subscribed": "yes"]]) },
                  expected: ["at /traits/optIn/0/subscribed", "expected a boolean"]),
        Violation(name: "newer opt-in without subscribed", action: "upsert_contact",
                  input: { try newer().withTrait("phones", ["+15551230000": ["smsOptIn": ["source": "iterable"]]]) },
                  expected: ["at /traits/phones/+15551230000/smsOptIn", "missing required member 'subscribed'"]),
        Violation(name: "event without a name", action: "track_event", input: { try newer() },
                  expected: ["at (root)", "missing required member 'name'"]),
        Violation(name: "no traits", action: "upsert_contact", input: { ["userId": "u-1"] },
                  expected: ["missing required member 'traits'"]),
    ]

    @Test(arguments: violations)
    func aBrokenRuleIsInvalidInputAndSendsNothing(_ violation: Violation) async throws {
        let input = try violation.input()
        try await withConnectorTestKit(RegalConnector(), connection: RegalActionTests.connection) { kit in
            let error = try await kit.refusal(violation.action, input)
            #expect(error.message.hasPrefix(violation.action + ": "))
            for text in violation.expected {
                #expect(error.message.contains(text), "\(error.message) lacks \(text)")
            }
            #expect(!error.description.contains(RegalActionTests.key))
        }
    }

    @Test func mixedFormatsAndAMissingIdentifierAreReportedTogether() async throws {
        let input: JSONValue = ["traits": ["email": "ana@example.com", "emails": ["bad": [:]]]]
        try await withConnectorTestKit(RegalConnector(), connection: RegalActionTests.connection) { kit in
            do {
                _ = try await kit.run("upsert_contact", input)
                Issue.record("mixed formats were accepted")
            } catch let error as ConnectorError {
                #expect(error.message.contains("mixes the older traits format (email) with the newer one (emails)"))
                #expect(error.message.contains("/traits/emails/bad"))
            }
            #expect(kit.server.requests.isEmpty)
        }
    }
}
