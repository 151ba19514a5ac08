import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableInputValidationTests {
    /// Runs `action` with `input`, expects `invalid_input` whose message contains `fragment`,
    /// and no request sent.
    static func expectInvalid(_ action: String, _ input: JSONValue, mentioning fragment: String,
                              sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await Iterable.withKit { kit in
            kit.server.setFallback(.json(200, Iterable.success))
            let error = await Iterable.failure(sourceLocation: sourceLocation) { () async throws(ConnectorError) in
                try await kit.run(action, input)
            }
            #expect(error?.code == "invalid_input", "\(String(describing: error))", sourceLocation: sourceLocation)
            #expect(error?.kind == .permanent, sourceLocation: sourceLocation)
            #expect(error?.message.contains(fragment) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
            #expect(kit.server.requests.isEmpty, "no request may be sent for invalid input", sourceLocation: sourceLocation)
        }
    }

    @Test func bothEmailAndUserIdAreRefused() async throws {
        let both = "both email and userId are set"
        try await Self.expectInvalid("upsert_user", ["email": "ana@example.com", "userId": "u-42"], mentioning: "upsert_user: /: " + both)
        try await Self.expectInvalid("track_event", ["eventName": "x", "email": "ana@example.com", "userId": "u-42"], mentioning: both)
        try await Self.expectInvalid("update_subscriptions", ["email": "ana@example.com", "userId": "u-42"], mentioning: both)
        try await Self.expectInvalid("trigger_journey", ["workflowId": 1, "email": "ana@example.com", "userId": "u-42"], mentioning: both)
        try await Self.expectInvalid("bulk_upsert_users", ["users": [["email": "a@example.com"], ["email": "b@example.com", "userId": "u-1"]]],
                                     mentioning: "bulk_upsert_users: /users/1: " + both)
        try await Self.expectInvalid("track_events_bulk", ["events": [["eventName": "x", "email": "b@example.com", "userId": "u-1"]]],
                                     mentioning: "/events/0: " + both)
        try await Self.expectInvalid("add_subscribers_to_list", ["listId": 1, "subscribers": [["email": "b@example.com", "userId": "u-1"]]],
                                     mentioning: "/subscribers/0: " + both)
        try await Self.expectInvalid("send_sms", ["campaignId": 1, "recipientEmail": "ana@example.com", "recipientUserId": "u-42"],
                                     mentioning: "both recipientEmail and recipientUserId are set")
    }

    @Test func neitherEmailNorUserIdIsRefused() async throws {
        try await Self.expectInvalid("upsert_user", ["dataFields": ["a": 1]], mentioning: "needs at least one of email, userId")
        try await Self.expectInvalid("remove_from_list", ["listId": 1, "subscribers": [["dataFields": [:]]]], mentioning: "/subscribers/0")
        try await Self.expectInvalid("trigger_journey", ["workflowId": 1], mentioning: "needs at least one of email, userId, listId")
    }

    @Test func requiredFieldsAreRefusedWhenMissing() async throws {
        try await Self.expectInvalid("track_event", ["email": "ana@example.com"], mentioning: "missing required member 'eventName'")
        try await Self.expectInvalid("track_event", ["email": "ana@example.com", "eventName": ""], mentioning: "/eventName: is empty")
        try await Self.expectInvalid("track_events_bulk", ["events": [["email": "ana@example.com"]]], mentioning: "/events/0")
        try await Self.expectInvalid("send_sms", ["recipientEmail": "ana@example.com"], mentioning: "missing required member 'campaignId'")
        try await Self.expectInvalid("trigger_journey", ["email": "ana@example.com"], mentioning: "missing required member 'workflowId'")
        try await Self.expectInvalid("create_list", ["name": ""], mentioning: "/name: is empty")
        try await Self.expectInvalid("add_subscribers_to_list", ["subscribers": []], mentioning: "missing required member 'listId'")
    }

    @Test func typesAndFormatsAreChecked() async throws {
        try await Self.expectInvalid("upsert_user", ["email": "not-an-email"], mentioning: "/email")
        try await Self.expectInvalid("track_event", ["email": "ana@example.com", "eventName": "x", "createdAt": "yesterday"], mentioning: "/createdAt")
        try await Self.expectInvalid("update_subscriptions", ["email": "ana@example.com", "emailListIds": ["one"]], mentioning: "/emailListIds/0")
    }

    @Test func iterablesLimitsAreChecked() async throws {
        let longId = String(repeating: "u", count: 53)
        try await Self.expectInvalid("upsert_user", ["userId": .string(longId)], mentioning: "/userId: is 53 characters; Iterable accepts at most 52")
        try await Self.expectInvalid("get_user_by_user_id", ["userId": .string(longId)], mentioning: "at most 52")
        // 171 three-byte characters: within 512 characters, over 512 bytes.
        let eventId = String(repeating: "€", count: 171)
        try await Self.expectInvalid("track_event", ["email": "ana@example.com", "eventName": "x", "id": .string(eventId)],
                                     mentioning: "/id: is 513 bytes; Iterable accepts at most 512")
        try await Self.expectInvalid("track_event", ["email": "ana@example.com", "eventName": "x", "createdAt": 1_781_100_000_000],
                                     mentioning: "looks like milliseconds")
    }

    @Test func sendAtMustBeIterablesDateTime() async throws {
        for bad in ["2026-06-10T14:00:00Z", "2026-06-10 14:00", "2026-02-30 10:00:00", "2026-06-10 24:00:00"] {
            try await Self.expectInvalid("send_sms", ["campaignId": 1, "recipientUserId": "u-42", "sendAt": .string(bad)],
                                         mentioning: "send_sms: /sendAt: '\(bad)' is not YYYY-MM-DD HH:MM:SS")
        }
    }

    @Test func limitsAtTheBoundaryAreAccepted() async throws {
        try await Iterable.withKit { kit in
            kit.server.setFallback(.json(200, Iterable.success))
            _ = try await kit.run("upsert_user", ["userId": .string(String(repeating: "u", count: 52))])
            _ = try await kit.run("track_event", ["userId": "u", "eventName": "x", "id": .string(String(repeating: "e", count: 512))])
            _ = try await kit.run("send_sms", ["campaignId": 1, "recipientUserId": "u", "sendAt": "2028-02-29 23:59:59"])
            #expect(kit.server.requests.count == 3)
        }
    }
}
