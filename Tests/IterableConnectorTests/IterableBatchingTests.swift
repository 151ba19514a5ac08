import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableBatchingTests {
    static func users(_ count: Int) -> [JSONValue] {
        (0..<count).map { ["email": .string("user\($0)@example.com"), "dataFields": ["n": .integer(Int64($0))]] }
    }

    @Test func twoThousandFiveHundredUsersAreThreeRequestsAndTheAnswersAreSummed() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(
                .json(200, ["successCount": 999, "failCount": 1, "invalidEmails": ["user7@example.com"], "invalidUserIds": [],
                            "failedUpdates": ["invalidEmails": ["user7@example.com"], "conflictEmails": []]]),
                .json(200, ["successCount": 1000, "failCount": 0, "invalidEmails": [], "invalidUserIds": [], "filteredOutFields": ["x"]]),
                .json(200, ["successCount": 498, "failCount": 2, "invalidEmails": ["user2100@example.com"], "invalidUserIds": [],
                            "failedUpdates": ["invalidEmails": ["user2100@example.com"], "notFoundEmails": ["user2200@example.com"]]])
            )
            let users = Self.users(2500)
            let output = try await kit.run("bulk_upsert_users", ["users": .array(users)])
            let requests = kit.server.requests
            try #require(requests.count == 3)
            Iterable.expect(requests[0], "POST", "/api/users/bulkUpdate", body: ["users": .array(Array(users[0..<1000]))])
            Iterable.expect(requests[1], "POST", "/api/users/bulkUpdate", body: ["users": .array(Array(users[1000..<2000]))])
            Iterable.expect(requests[2], "POST", "/api/users/bulkUpdate", body: ["users": .array(Array(users[2000..<2500]))])
            #expect(output == [
                "successCount": 2497, "failCount": 3,
                "failedUpdates": ["invalidEmails": ["user7@example.com", "user2100@example.com"], "conflictEmails": [],
                                  "notFoundEmails": ["user2200@example.com"]],
                "invalidEmails": ["user7@example.com", "user2100@example.com"], "invalidUserIds": [],
                "filteredOutFields": ["x"], "batchCount": 3,
            ])
        }
    }

    @Test func theBodyLimitSplitsBeforeTheCountLimit() async throws {
        // Small limits keep the bodies small; the 4 MB default is the same arithmetic.
        let limits = Batching(maxItems: 1000, maxBodyBytes: 10_000)
        try await withConnectorTestKit(IterableConnector(bulkLimits: limits), connection: Iterable.connection) { kit in
            kit.server.setFallback(.json(200, ["successCount": 1, "failCount": 0]))
            let notes = String(repeating: "a", count: 4_000)
            let users: [JSONValue] = (0..<3).map { ["userId": .string("u-\($0)"), "dataFields": ["notes": .string(notes)]] }
            let output = try await kit.run("bulk_upsert_users", ["users": .array(users)])
            let requests = kit.server.requests
            try #require(requests.count == 2)
            Iterable.expect(requests[0], "POST", "/api/users/bulkUpdate", body: ["users": [users[0], users[1]]])
            Iterable.expect(requests[1], "POST", "/api/users/bulkUpdate", body: ["users": [users[2]]])
            #expect(requests.allSatisfy { $0.body.count <= limits.maxBodyBytes })
            #expect(output["successCount"] == 2)
            #expect(output["batchCount"] == 2)
        }
    }

    @Test func aUserLargerThanTheBodyLimitIsRefusedBeforeAnyRequest() async throws {
        let limits = Batching(maxItems: 1000, maxBodyBytes: 10_000)
        try await withConnectorTestKit(IterableConnector(bulkLimits: limits), connection: Iterable.connection) { kit in
            let huge = String(repeating: "a", count: limits.maxBodyBytes)
            let users: [JSONValue] = [["email": "ok@example.com"], ["email": "big@example.com", "dataFields": ["notes": .string(huge)]]]
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("bulk_upsert_users", ["users": .array(users)]) }
            #expect(error?.code == "invalid_input")
            #expect(error?.kind == .permanent)
            #expect(error?.message.hasPrefix("bulk_upsert_users: /users: item 1 alone is 10054 bytes, over the 10000-byte request limit") == true,
                    "\(String(describing: error))")
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func aFailingBatchNamesItselfAndWhatWasAccepted() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["successCount": 1000, "failCount": 0]), .unavailable)
            let error = await Iterable.failure { () async throws(ConnectorError) in
                try await kit.run("bulk_upsert_users", ["users": .array(Self.users(2500))])
            }
            #expect(kit.server.requests.count == 2)
            #expect(error?.kind == .retryable)
            #expect(error?.status == 503)
            #expect(error?.message.hasPrefix("bulk_upsert_users: batch 2 of 3 (users 1000–1999) failed, 1 accepted before it: POST /api/users/bulkUpdate: Iterable answered 503") == true,
                    "\(String(describing: error))")
        }
    }

    @Test func trackEventsBulkSplitsAtAThousandEvents() async throws {
        try await Iterable.withKit { kit in
            kit.server.setFallback(.json(200, ["successCount": 0, "failCount": 0]))
            let events: [JSONValue] = (0..<1001).map { ["email": "ana@example.com", "eventName": "tick", "id": .string("evt-\($0)")] }
            let output = try await kit.run("track_events_bulk", ["events": .array(events)])
            let requests = kit.server.requests
            try #require(requests.count == 2)
            Iterable.expect(requests[0], "POST", "/api/events/trackBulk", body: ["events": .array(Array(events[0..<1000]))])
            Iterable.expect(requests[1], "POST", "/api/events/trackBulk", body: ["events": [events[1000]]])
            #expect(output["batchCount"] == 2)
        }
    }

    @Test func noUsersSendNothing() async throws {
        try await Iterable.withKit { kit in
            let output = try await kit.run("bulk_upsert_users", ["users": []])
            #expect(kit.server.requests.isEmpty)
            #expect(output == ["successCount": 0, "failCount": 0, "failedUpdates": [:], "invalidEmails": [], "invalidUserIds": [], "batchCount": 0])
        }
    }

    @Test func theLimitsAreDeclared() {
        let iterable = Batching(maxItems: 1000, maxBodyBytes: 4_000_000)
        #expect(IterableConnector().action("bulk_upsert_users")?.batching == iterable)
        #expect(IterableConnector().action("track_events_bulk")?.batching == iterable)
        let custom = Batching(maxItems: 10, maxBodyBytes: 1000)
        #expect(IterableConnector(bulkLimits: custom).action("bulk_upsert_users")?.batching == custom)
        #expect(IterableConnector(bulkLimits: custom).action("track_events_bulk")?.batching == custom)
    }
}
