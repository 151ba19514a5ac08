import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableUserActionTests {
    @Test func upsertUserPostsOnlyTheDeclaredFields() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, Iterable.success))
            let output = try await kit.run("upsert_user", [
                "email": "ana@example.com", "dataFields": ["firstName": "Ana", "visits": 3],
                "mergeNestedObjects": true, "createNewFields": false, "notAnIterableField": "dropped",
            ])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/users/update", body: [
                "email": "ana@example.com", "dataFields": ["firstName": "Ana", "visits": 3],
                "mergeNestedObjects": true, "createNewFields": false,
            ])
            #expect(output == Iterable.success)
        }
    }

    @Test func upsertUserByUserIdWithPreferUserId() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["msg": "User updated", "code": "Success", "params": ["userId": "u-42"]]))
            let output = try await kit.run("upsert_user", ["userId": "u-42", "preferUserId": true])
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/users/update", body: ["userId": "u-42", "preferUserId": true])
            #expect(output["params"] == ["userId": "u-42"])
            #expect(output["msg"] == "User updated")
        }
    }

    @Test func getUserByEmailEncodesTheEmailAndReturnsTheUser() async throws {
        try await Iterable.withKit { kit in
            let user: JSONValue = ["email": "ana+vip@example.com", "userId": "u-42", "dataFields": ["firstName": "Ana", "signupDate": "2026-01-02 10:00:00 +00:00"]]
            kit.server.enqueue(.json(200, ["user": user]))
            let output = try await kit.run("get_user_by_email", ["email": "ana+vip@example.com"])
            let request = try kit.onlyRequest()
            Iterable.expect(request, "GET", "/api/users/getByEmail", query: ["email=ana+vip@example.com"])
            #expect(request.uri.contains("%2B"), "a literal + in the query would read as a space: \(request.uri)")
            #expect(output == ["found": true, "user": user])
        }
    }

    @Test func getUserByEmailOfAnUnknownUserIsNotFound() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, [:]))
            let output = try await kit.run("get_user_by_email", ["email": "nobody@example.com"])
            Iterable.expect(try kit.onlyRequest(), "GET", "/api/users/getByEmail", query: ["email=nobody@example.com"])
            #expect(output == ["found": false])
        }
    }

    @Test func getUserByUserIdUsesTheByUserIdEndpoint() async throws {
        try await Iterable.withKit { kit in
            let user: JSONValue = ["email": "ana@example.com", "userId": "u 42/x", "dataFields": [:]]
            kit.server.enqueue(.json(200, ["user": user]), .json(200, [:]))
            let found = try await kit.run("get_user_by_user_id", ["userId": "u 42/x"])
            let missing = try await kit.run("get_user_by_user_id", ["userId": "u-43"])
            let requests = kit.server.requests
            try #require(requests.count == 2)
            Iterable.expect(requests[0], "GET", "/api/users/byUserId", query: ["userId=u 42/x"])
            Iterable.expect(requests[1], "GET", "/api/users/byUserId", query: ["userId=u-43"])
            #expect(found == ["found": true, "user": user])
            #expect(missing == ["found": false])
        }
    }

    @Test func updateSubscriptionsSendsEveryListOfIds() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, Iterable.success))
            let input: JSONValue = [
                "userId": "u-42", "emailListIds": [101, 102], "unsubscribedChannelIds": [3420],
                "unsubscribedMessageTypeIds": [], "subscribedMessageTypeIds": [3866], "campaignId": 5123456, "templateId": 7123456,
            ]
            let output = try await kit.run("update_subscriptions", input)
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/users/updateSubscriptions", body: input)
            #expect(output == Iterable.success)
        }
    }
}
