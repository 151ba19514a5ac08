import ConnectorKit
import ConnectorTesting
import Testing
import WebhookConnector

@Suite struct WebhookSendTests {
    @Test func postsTheBodyAsJSONByteForByte() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.json(200, ["ok": true, "id": 7]))
            let output = try await kit.run("send", [
                "url": "/hooks/journey",
                "body": ["email": "ana@example.com", "workflowId": 88211, "tags": ["a", "b"], "nested": ["city": "Lisbon"]],
            ])
            let request = try kit.onlyRequest()
            #expect(request.method == "POST")
            #expect(request.uri == "/hooks/journey")
            #expect(request.headers["Content-Type"] == "application/json")
            #expect(request.headers["Authorization"] == nil)
            #expect(request.bodyText == #"{"email":"ana@example.com","workflowId":88211,"tags":["a","b"],"nested":{"city":"Lisbon"}}"#)
            #expect(output == ["status": 200, "body": ["ok": true, "id": 7]])
        }
    }

    @Test func sendsAFormBodyLikeIterable() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", [
                "url": "/form", "format": "form", "includeEmailAndWorkflowId": true,
                "email": "test.user@example.com", "workflowId": 12345,
                "body": ["firstName": "Test", "city": "San Francisco", "age": 31, "vip": true, "address": ["zip": "94105"]],
            ])
            let request = try kit.onlyRequest()
            #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
            // email and workflowId first, then the body fields; nested values are JSON text.
            #expect(request.bodyText == "email=test.user%40example.com&workflowId=12345"
                + "&firstName=Test&city=San%20Francisco&age=31&vip=true&address=%7B%22zip%22%3A%2294105%22%7D")
        }
    }

    @Test func matchesIterablesFormSample() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", [
                "url": "/form", "format": "form", "includeEmailAndWorkflowId": true,
                "email": "test.user@example.com", "workflowId": 12345,
                "body": ["firstName": "Test", "city": "San Francisco"],
            ])
            // Byte for byte the form body Iterable documents for a journey webhook with these fields.
            #expect(try kit.onlyRequest().bodyText == "email=test.user%40example.com&workflowId=12345&firstName=Test&city=San%20Francisco")
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE"])
    func sendsEachMethodWithItsBody(method: String) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["method": .string(method), "url": "/users/42", "body": ["plan": "pro"]])
            let request = try kit.onlyRequest()
            #expect(request.method == method)
            #expect(request.path == "/users/42")
            #expect(request.bodyText == #"{"plan":"pro"}"#)
        }
    }

    @Test func getAndDeleteWithoutFieldsSendNoBody() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.status(200, headers: ["Content-Type": "text/plain"], body: "pong"), .status(204))
            let get = try await kit.run("send", ["method": "GET", "url": "/ping?x=1"])
            let delete = try await kit.run("send", ["method": "DELETE", "url": "/users/42"])
            let requests = kit.server.requests
            #expect(requests.map(\.method) == ["GET", "DELETE"])
            #expect(requests[0].uri == "/ping?x=1")
            #expect(requests.allSatisfy { $0.body.isEmpty && $0.headers["Content-Type"] == nil })
            #expect(get == ["status": 200, "body": "pong"])
            #expect(delete == ["status": 204, "body": .null])
        }
    }

    @Test func aPostWithoutFieldsSendsAnEmptyObject() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", ["url": "/ping"])
            #expect(try kit.onlyRequest().bodyText == "{}")
        }
    }

    @Test func aGetWithBodyFieldsIsRefused() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["method": "GET", "url": "/users", "body": ["email": "a@example.com"]])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("GET request carries no body") == true)
            #expect(error?.message.contains("email") == true)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func nullFieldsAreLeftOut() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", [
                "url": "/hook", "includeEmailAndWorkflowId": true, "email": "a@example.com", "workflowId": .null,
                "body": ["firstName": .null, "lastName": "Silva", "keep": ["inner": .null]],
            ])
            // Only top-level nulls are missing fields; nested values are sent as given.
            #expect(try kit.onlyRequest().bodyText == #"{"email":"a@example.com","lastName":"Silva","keep":{"inner":null}}"#)
        }
    }

    @Test func includeEmailAndWorkflowIdAddsBothAndOverridesBodyCopies() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", [
                "url": "/hook", "includeEmailAndWorkflowId": true, "email": "ana@example.com", "workflowId": 88211,
                "body": ["email": "old@example.com", "firstName": "Ana"],
            ])
            _ = try await kit.run("send", ["url": "/hook", "email": "ana@example.com", "workflowId": 88211, "body": ["firstName": "Ana"]])
            let requests = kit.server.requests
            #expect(requests[0].bodyText == #"{"email":"ana@example.com","workflowId":88211,"firstName":"Ana"}"#)
            #expect(requests[1].bodyText == #"{"firstName":"Ana"}"#)
        }
    }

    @Test func stepHeadersAreSentAndMayChangeTheContentType() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            _ = try await kit.run("send", [
                "url": "/hook", "body": ["a": 1],
                "headers": ["X-Campaign": "spring", "Content-Type": "application/vnd.api+json"],
            ])
            let request = try kit.onlyRequest()
            #expect(request.headers["X-Campaign"] == "spring")
            #expect(request.headers.values("Content-Type") == ["application/vnd.api+json"])
        }
    }

    @Test func connectionHeadersAreSentAndCannotBeOverriddenByAStep() async throws {
        let connection = Connection(headers: [(name: "X-Team", value: Secret("growth")), (name: "X-Signature", value: Secret("s3cr3t-sig"))])
        try await withConnectorTestKit(WebhookConnector(), connection: connection) { kit in
            _ = try await kit.run("send", ["url": "/hook", "headers": ["X-Step": "1"]])
            let request = try kit.onlyRequest()
            #expect(request.headers["X-Team"] == "growth")
            #expect(request.headers["X-Signature"] == "s3cr3t-sig")
            #expect(request.headers["X-Step"] == "1")
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/hook", "headers": ["x-team": "other"]])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("headers/x-team: the connection sets this header") == true)
            #expect(kit.server.requests.count == 1)
        }
    }

    @Test(arguments: [
        ("Host", "evil.example", "the HTTP client sets this header"),
        ("Content-Length", "3", "the HTTP client sets this header"),
        ("Bad Name", "v", "not a valid header name"),
        ("X-Split", "a\r\nInjected: 1", "line break"),
    ])
    func malformedOrManagedStepHeadersAreRefused(name: String, value: String, reason: String) async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["url": "/hook", "headers": .object(JSONObject([(name, JSONValue.string(value))]))])
            }
            #expect(error?.code == "invalid_input")
            #expect(error?.message.contains("headers/\(name)") == true)
            #expect(error?.message.contains(reason) == true)
            #expect(error?.description.contains("Injected") == false)
            #expect(kit.server.requests.isEmpty)
        }
    }

    @Test func sendsTheContextsIdempotencyKey() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let context = try kit.context(idempotencyKey: "run-17-step-2")
            _ = try await SendWebhook().run(["url": "/hook", "body": ["a": 1]], context: context)
            _ = try await kit.run("send", ["url": "/hook"])
            let requests = kit.server.requests
            #expect(requests[0].headers.values("Idempotency-Key") == ["run-17-step-2"])
            #expect(requests[1].headers["Idempotency-Key"] == nil)
        }
    }

    @Test func responseHeadersAreInTheOutputOnlyWhenAsked() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.setFallback(.json(201, ["id": "u1"], headers: ["X-Request-Id": "r-9"]))
            let plain = try await kit.run("send", ["url": "/users", "body": ["a": 1]])
            let withHeaders = try await kit.run("send", ["url": "/users", "body": ["a": 1], "includeResponseHeaders": true])
            #expect(plain == ["status": 201, "body": ["id": "u1"]])
            #expect(withHeaders["status"] == 201)
            #expect(withHeaders["headers"]?["x-request-id"] == "r-9")
            #expect(withHeaders["headers"]?["content-type"] == "application/json")
        }
    }

    @Test func aBodyThatIsNotJSONIsReturnedAsText() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            kit.server.enqueue(.status(200, headers: ["Content-Type": "application/json"], body: "not json"),
                               .status(200, headers: ["Content-Type": "text/plain"], body: "123"),
                               .status(200, body: "[1,2]"))
            let broken = try await kit.run("send", ["url": "/a"])
            let text = try await kit.run("send", ["url": "/b"])
            let untyped = try await kit.run("send", ["url": "/c"])
            #expect(broken["body"] == "not json")
            #expect(text["body"] == "123")
            #expect(untyped["body"] == [1, 2])
        }
    }

    @Test func inputIsCheckedAgainstTheFields() async throws {
        try await withConnectorTestKit(WebhookConnector()) { kit in
            let error = await #expect(throws: ConnectorError.self) {
                try await kit.run("send", ["method": "TRACE", "format": "xml", "body": "text"])
            }
            #expect(error?.code == "invalid_input")
            let message = error?.message ?? ""
            #expect(message.contains("missing required member 'url'"))
            #expect(message.contains("/method"))
            #expect(message.contains("/format"))
            #expect(message.contains("/body"))
            #expect(kit.server.requests.isEmpty)
        }
    }
}
