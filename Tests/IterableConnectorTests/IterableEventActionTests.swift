import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableEventActionTests {
    /// The fixture iterable-track-event.request.sample.json.
    static let trackedEvent: JSONValue = [
        "email": "ana@example.com", "eventName": "reviewRequested", "id": "evt-7f3a", "createdAt": 1_781_100_000,
        "campaignId": 5_123_456, "templateId": 7_123_456, "dataFields": ["locationId": "loc-42", "orderTotal": 84.5],
    ]

    @Test func trackEventPostsTheEvent() async throws {
        try await Iterable.withKit { kit in
            let answer: JSONValue = ["msg": "Event with id: evt-7f3a tracked.", "code": "Success", "params": ["id": "evt-7f3a"]]
            kit.server.enqueue(.json(200, answer))
            let output = try await kit.run("track_event", Self.trackedEvent)
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/events/track", body: Self.trackedEvent)
            #expect(output == answer)
        }
    }

    @Test func trackEventsBulkPostsTheEventsAndReturnsTheCounts() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, [
                "successCount": 1, "failCount": 1, "invalidEmails": ["bad@"], "invalidUserIds": [],
                "disallowedEventNames": ["blocked"], "failedUpdates": ["invalidEmails": ["bad@"]],
            ]))
            let second: JSONValue = ["userId": "u-42", "eventName": "blocked", "dataFields": ["n": 1]]
            let output = try await kit.run("track_events_bulk", ["events": [Self.trackedEvent, second]])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/events/trackBulk", body: ["events": [Self.trackedEvent, second]])
            #expect(output == [
                "successCount": 1, "failCount": 1, "failedUpdates": ["invalidEmails": ["bad@"]],
                "invalidEmails": ["bad@"], "invalidUserIds": [], "disallowedEventNames": ["blocked"], "batchCount": 1,
            ])
        }
    }
}
