import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableListActionTests {
    @Test func addSubscribersToListPostsTheSubscribers() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, [
                "successCount": 1, "failCount": 1, "invalidEmails": [], "invalidUserIds": ["x"],
                "failedUpdates": ["invalidUserIds": ["x"], "notFoundEmails": []],
            ]))
            let output = try await kit.run("add_subscribers_to_list", [
                "listId": 9001, "updateExistingUsersOnly": true,
                "subscribers": [["email": "ana@example.com", "dataFields": ["source": "hookline"], "extra": 1], ["userId": "x", "preferUserId": true]],
            ])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/lists/subscribe", body: [
                "listId": 9001,
                "subscribers": [["email": "ana@example.com", "dataFields": ["source": "hookline"]], ["userId": "x", "preferUserId": true]],
                "updateExistingUsersOnly": true,
            ])
            #expect(output == [
                "successCount": 1, "failCount": 1, "failedUpdates": ["invalidUserIds": ["x"], "notFoundEmails": []],
                "invalidEmails": [], "invalidUserIds": ["x"],
            ])
        }
    }

    @Test func removeFromListPostsTheSubscribers() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["successCount": 2, "failCount": 0]))
            let output = try await kit.run("remove_from_list", [
                "listId": 9001, "subscribers": [["email": "ana@example.com"], ["userId": "u-42"]],
                "campaignId": 5_123_456, "channelUnsubscribe": false,
            ])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/lists/unsubscribe", body: [
                "listId": 9001, "subscribers": [["email": "ana@example.com"], ["userId": "u-42"]],
                "campaignId": 5_123_456, "channelUnsubscribe": false,
            ])
            #expect(output == ["successCount": 2, "failCount": 0, "failedUpdates": [:], "invalidEmails": [], "invalidUserIds": []])
        }
    }

    @Test func createListReturnsTheNewId() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["listId": 123]))
            let output = try await kit.run("create_list", ["name": "Reviewers", "description": "Asked for a review"])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/lists", body: ["name": "Reviewers", "description": "Asked for a review"])
            #expect(output == ["listId": 123])
        }
    }

    @Test func createListWithoutAListIdInTheAnswerIsABadResponse() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["msg": "", "code": "Success"]))
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("create_list", ["name": "Reviewers"]) }
            #expect(error?.code == "bad_response")
            #expect(error?.kind == .permanent)
        }
    }

    @Test func listListsReturnsTheLists() async throws {
        try await Iterable.withKit { kit in
            let lists: JSONValue = [
                ["id": 9001, "name": "Reviewers", "createdAt": 1_781_000_000_000, "listType": "Standard", "description": "Asked"],
                ["id": 9002, "name": "VIP", "createdAt": 1_781_000_500_000, "listType": "Standard"],
            ]
            kit.server.enqueue(.json(200, ["lists": lists]))
            let output = try await kit.run("list_lists", [:])
            Iterable.expect(try kit.onlyRequest(), "GET", "/api/lists")
            #expect(output == ["lists": lists])
        }
    }
}
