import ConnectorKit
import ConnectorTesting
import Testing
import WebhookConnector

/// The GET "update user profile" mode: read a profile by email, the event's fields over it.
@Suite struct WebhookProfileTests {
    @Test func mergesTheProfileUnderTheEventsFields() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.json(200, ["email": "ana@example.com", "firstName": "Ana", "plan": "free", "city": "Porto",
                                           "score": .null, "tags": ["a"]]))
            let output = try await kit.run("send", [
                "url": "/profiles?source=crm", "profile": true, "email": "ana@example.com",
                "body": ["plan": "pro", "city": .null, "orderId": 981],
            ])
            let request = try kit.onlyRequest()
            #expect(request.method == "GET")
            #expect(request.uri == "/profiles?source=crm&email=ana%40example.com")
            #expect(request.headers["Accept"] == "application/json")
            #expect(request.body.isEmpty)
            // The event wins (plan), a null event field does not hide the profile's (city), fields
            // missing from both are left out (score), new event fields follow.
            #expect(output == ["status": 200, "body": ["email": "ana@example.com", "firstName": "Ana", "plan": "pro", "city": "Porto",
                                                       "tags": ["a"], "orderId": 981]])
            #expect(output["body"]?.serialized() == #"{"email":"ana@example.com","firstName":"Ana","plan":"pro","city":"Porto","tags":["a"],"orderId":981}"#)
        }
    }

    @Test func includeEmailAndWorkflowIdGoIntoTheMergedProfile() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.json(200, ["email": "old@example.com", "workflowId": 1, "name": "Ana"]))
            let output = try await kit.run("send", [
                "url": "/profiles", "profile": true, "includeEmailAndWorkflowId": true, "email": "ana@example.com", "workflowId": 88211,
            ])
            #expect(output["body"] == ["email": "ana@example.com", "workflowId": 88211, "name": "Ana"])
            #expect(try kit.onlyRequest().queryItem("email") == "ana@example.com")
        }
    }

    @Test func anEmailAlreadyInTheURLIsReplaced() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": "/p?email=x%40example.com&y=1", "profile": true, "email": "a+b@example.com"])
            #expect(try kit.onlyRequest().uri == "/p?y=1&email=a%2Bb%40example.com")
        }
    }

    @Test func anEmptyAnswerIsAnEmptyProfile() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.status(204))
            let output = try await kit.run("send", ["url": "/p", "profile": true, "email": "a@example.com", "body": ["x": 1]])
            #expect(output == ["status": 204, "body": ["x": 1]])
        }
    }

    @Test func anAnswerThatIsNotAnObjectIsPermanent() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.json(200, [1, 2]), .status(200, body: "<html>"))
            let array = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/p", "profile": true, "email": "a@example.com"])
            }
            #expect(array?.code == "bad_response")
            #expect(array?.message.contains("expects a JSON object") == true)
            #expect(array?.message.contains("found array") == true)
            let html = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/p", "profile": true, "email": "a@example.com"])
            }
            #expect(html?.code == "bad_response")
            #expect(html?.kind == .permanent)
        }
    }

    @Test func profileModeNeedsGETAndAnEmail() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let post = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/p", "profile": true, "method": "POST", "email": "a@example.com"])
            }
            #expect(post?.message.contains("profile mode reads the profile with GET") == true)
            let noEmail = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/p", "profile": true, "email": .null])
            }
            #expect(noEmail?.message.contains("profile mode needs 'email'") == true)
            #expect(kit.server.requests.isEmpty)
        }
    }
}
