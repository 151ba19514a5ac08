import ConnectorKit
import ConnectorTesting
import CloutlyConnector
import Testing

/// Cloutly's actions against a loopback server: the exact request and the parsed answer.
@Suite struct CloutlyActionTests {
    static let key = "ck_SECRET_51b0e2"
    static let connection = Connection.apiKey(key, scheme: .apiKeyHeader(name: "x-api-key"))

    /// Checks the one request the server got.
    static func expectRequest(_ kit: ConnectorTestKit<CloutlyConnector>, _ method: String, _ uri: String, body: JSONValue?) throws {
        let request = try kit.onlyRequest()
        #expect(request.method == method)
        #expect(request.uri == uri)
        #expect(request.headers["x-api-key"] == key)
        #expect(request.headers["Authorization"] == nil)
        #expect(request.json == body)
        if body != nil { #expect(request.headers["Content-Type"] == "application/json") }
    }

    @Test func addContactPostsTheJourneyFieldsToTheIterableCallback() async throws {
        let sample = try SchemaSamples.load("cloutly/review-automation-contact/iterable-journey")
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.status(200, body: "OK"))
            let output = try await kit.run("add_contact_to_review_automation", sample)
            #expect(output == ["status": 200])
            try Self.expectRequest(kit, "POST", "/api/callbacks/automations/iterable/webhooks", body: sample)
        }
    }

    @Test func addContactSendsOtherProfileFieldsAsGiven() async throws {
        let sample = try SchemaSamples.load("cloutly/review-automation-contact/email-only").with("city", "Denver")
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(202, ["queued": true]))
            let output = try await kit.run("add_contact_to_review_automation", sample)
            #expect(output == ["status": 202])
            try Self.expectRequest(kit, "POST", "/api/callbacks/automations/iterable/webhooks", body: sample)
        }
    }

    @Test(arguments: ["send-review-invite/email-and-phone", "send-review-invite/phone-only"])
    func sendReviewInvitePostsTheInviteAndReturnsContactAndUsage(_ name: String) async throws {
        let sample = try SchemaSamples.load("cloutly/\(name)")
        let contact: JSONValue = ["id": "c-1", "firstName": "Ana", "phoneNumber": "+15551230000"]
        let usage: JSONValue = ["invitesSent": 12, "invitesLimit": 500]
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["contact": contact, "usage": usage]))
            let output = try await kit.run("send_review_invite", sample)
            #expect(output == ["contact": contact, "usage": usage])
            try Self.expectRequest(kit, "POST", "/api/v1/send-review-invite", body: sample)
            #expect(try kit.onlyRequest().headers["Accept"] == "application/json")
        }
    }

    @Test func sendReviewInviteWithoutUsageGivesAnEmptyUsage() async throws {
        let sample = try SchemaSamples.load("cloutly/send-review-invite/phone-only")
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["contact": ["id": "c-2"]]))
            let output = try await kit.run("send_review_invite", sample)
            #expect(output == ["contact": ["id": "c-2"], "usage": [:]])
        }
    }

    @Test func sendReviewInviteRefusesAnAnswerWithoutContact() async throws {
        let sample = try SchemaSamples.load("cloutly/send-review-invite/phone-only")
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["message": "accepted"]))
            do {
                _ = try await kit.run("send_review_invite", sample)
                Issue.record("an answer without contact must fail")
            } catch let error as ConnectorError {
                #expect(error.kind == .permanent)
                #expect(error.code == "bad_response")
                #expect(error.message.contains("without a contact object"))
            }
        }
    }

    /// Cloutly's answer (the shape is unconfirmed) and the list read from it.
    static let businessAnswers: [(JSONValue, JSONValue)] = [
        ([["id": "b-1", "name": "Denver Dental"]], [["id": "b-1", "name": "Denver Dental"]]),
        (["businesses": [["id": "b-2"]]], [["id": "b-2"]]),
        (["data": []], []),
    ]

    @Test(arguments: businessAnswers)
    func listBusinessesReadsTheList(_ answer: JSONValue, _ businesses: JSONValue) async throws {
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, answer))
            let output = try await kit.run("list_businesses", [:])
            #expect(output == ["businesses": businesses])
            try Self.expectRequest(kit, "GET", "/api/v1/businesses", body: nil)
        }
    }

    @Test func theConnectionTestListsBusinesses() async throws {
        try await withConnectorTestKit(CloutlyConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, []))
            try await kit.connector.testConnection(context: kit.context())
            try Self.expectRequest(kit, "GET", "/api/v1/businesses", body: nil)
            kit.server.reset()
            kit.server.enqueue(.unauthorized)
            do {
                try await kit.connector.testConnection(context: kit.context())
                Issue.record("a refused key must fail the connection test")
            } catch let error as ConnectorError {
                #expect(error.kind == .authentication)
                #expect(!error.description.contains(Self.key))
            }
        }
    }
}
