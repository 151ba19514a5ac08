import ConnectorKit
import ConnectorTesting
import RegalConnector
import Testing

/// Regal's actions against a loopback server: the exact request, in both traits formats, and
/// the parsed answer.
@Suite struct RegalActionTests {
    static let key = "rk_live_SECRET_9f8e7d"
    static let connection = Connection.apiKey(key, scheme: .rawAuthorization)

    /// Checks the one request the server got: `POST /events` with the raw key and `body`.
    static func expectEventsRequest(_ kit: ConnectorTestKit<RegalConnector>, body: JSONValue) throws {
        let request = try kit.onlyRequest()
        #expect(request.method == "POST")
        #expect(request.uri == "/events")
        #expect(request.headers["Authorization"] == key)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.json == body)
    }

    @Test func upsertContactSendsTheOlderFormatAsGiven() async throws {
        let sample = try SchemaSamples.load("regal/contact/legacy-format")
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.status(200, body: "ok"))
            let output = try await kit.run("upsert_contact", sample)
            #expect(output == ["status": 200, "body": "ok"])
            try Self.expectEventsRequest(kit, body: sample)
            #expect(try kit.onlyRequest().json?["traits"]?["custom1"] == "gold")
        }
    }

    @Test func upsertContactSendsTheNewerFormatAndAcceptsAJSONAnswer() async throws {
        let sample = try SchemaSamples.load("regal/contact/newer-format")
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["status": "ok"]))
            let output = try await kit.run("upsert_contact", sample)
            #expect(output == ["status": 200, "body": ["status": "ok"]])
            try Self.expectEventsRequest(kit, body: sample)
        }
    }

    @Test func upsertContactNeverSendsAnEventNameOrProperties() async throws {
        let sample = try SchemaSamples.load("regal/contact/newer-format")
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            _ = try await kit.run("upsert_contact", sample.with("name", "Should Not Be Sent").with("properties", ["a": 1]))
            try Self.expectEventsRequest(kit, body: sample)
        }
    }

    @Test func trackEventSendsTheNewerFormatFixture() async throws {
        let sample = try SchemaSamples.load("regal/event/newer-format")
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.status(200, body: "ok\n"))
            let output = try await kit.run("track_event", sample)
            #expect(output == ["status": 200, "body": "ok"])
            try Self.expectEventsRequest(kit, body: sample)
            let sent = try kit.onlyRequest().json
            #expect(sent?["name"] == "Application Step 1 Completed")
            #expect(sent?["originalTimestamp"] == "2026-06-10 14:02:11 +00:00")
        }
    }

    @Test func trackEventSendsTheOlderFormat() async throws {
        let sample = try SchemaSamples.load("regal/event/legacy-format")
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.status(202))
            let output = try await kit.run("track_event", sample)
            #expect(output == ["status": 202, "body": ""])
            try Self.expectEventsRequest(kit, body: sample)
        }
    }

    @Test func aUserIdAloneIdentifiesTheContact() async throws {
        let input: JSONValue = ["userId": "u-1", "traits": ["plan": "gold"], "name": "Renewed"]
        try await withConnectorTestKit(RegalConnector(), connection: Self.connection) { kit in
            _ = try await kit.run("track_event", input)
            try Self.expectEventsRequest(kit, body: ["userId": "u-1", "traits": ["plan": "gold"], "name": "Renewed"])
        }
    }

    @Test func theConnectorHasNoConnectionTest() {
        #expect(RegalConnector().connection.test == nil)
        #expect(RegalConnector().actions.map(\.id) == ["upsert_contact", "track_event"])
    }
}
