import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableMessagingActionTests {
    @Test func listChannelsReturnsTheChannels() async throws {
        try await Iterable.withKit { kit in
            let channels: JSONValue = [
                ["id": 3420, "name": "Marketing Email", "channelType": "Marketing", "messageMedium": "Email"],
                ["id": 3422, "name": "Transactional SMS", "channelType": "Transactional", "messageMedium": "SMS"],
            ]
            kit.server.enqueue(.json(200, ["channels": channels]))
            let output = try await kit.run("list_channels", [:])
            Iterable.expect(try kit.onlyRequest(), "GET", "/api/channels")
            #expect(output == ["channels": channels])
        }
    }

    @Test func sendSMSPostsTheTargetedSend() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, Iterable.success))
            let input: JSONValue = [
                "campaignId": 5_123_456, "recipientEmail": "ana@example.com", "dataFields": ["code": "A1"],
                "sendAt": "2026-06-10 14:00:00", "allowRepeatMarketingSends": true,
            ]
            let output = try await kit.run("send_sms", input)
            Iterable.expect(try kit.onlyRequest(), "POST", "/api/sms/target", body: input)
            #expect(output == Iterable.success)
        }
    }

    @Test func triggerJourneyForAUserAndForAList() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, Iterable.success), .json(200, Iterable.success))
            let forUser: JSONValue = ["workflowId": 88211, "email": "ana@example.com", "dataFields": ["promotionId": 123]]
            let forList: JSONValue = ["workflowId": 88211, "listId": 9001]
            #expect(try await kit.run("trigger_journey", forUser) == Iterable.success)
            #expect(try await kit.run("trigger_journey", forList) == Iterable.success)
            let requests = kit.server.requests
            try #require(requests.count == 2)
            Iterable.expect(requests[0], "POST", "/api/workflows/triggerWorkflow", body: forUser)
            Iterable.expect(requests[1], "POST", "/api/workflows/triggerWorkflow", body: forList)
        }
    }

    @Test func theConnectionTestListsChannels() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(200, ["channels": []]))
            try await kit.connector.testConnection(context: kit.context())
            let request = try kit.onlyRequest()
            #expect(request.method == "GET")
            #expect(request.path == "/api/channels")
            #expect(request.headers["Api-Key"] == Iterable.apiKey)
        }
    }
}
