import ChatterConnector
import ConnectorKit
import ConnectorTesting
import Testing

/// Chatter's action against a loopback server: the exact request, the answer, the refusals and
/// every failure of the standard retry table.
@Suite struct PostMessageTests {
    static let token = "xoxb-SECRET-7f3a91"
    static let connection = Connection(auth: .bearer, credentials: ["token": Secret(token)])
    static let input: JSONValue = ["channel": "#alerts", "text": "Bounce: ana@example.com", "threadTs": "1718000000.000100"]

    @Test func conformsToTheConnectorContract() {
        let problems = ConnectorConformance.check(ChatterConnector())
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(ChatterConnector().versionedID == "chatter@1")
    }

    @Test func postsTheMessageWithTheBearerToken() async throws {
        try await withConnectorTestKit(ChatterConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["ok": true, "ts": "1718000001.000200", "channel": "C024BE91L"]))
            let output = try await kit.run("post_message", Self.input)
            #expect(output == ["ts": "1718000001.000200", "channel": "C024BE91L"])
            let request = try kit.onlyRequest()
            #expect(request.method == "POST")
            #expect(request.uri == "/api/chat.postMessage")
            #expect(request.headers["Authorization"] == "Bearer \(Self.token)")
            #expect(request.json == ["channel": "#alerts", "text": "Bounce: ana@example.com", "thread_ts": "1718000000.000100"])
        }
    }

    @Test func anOkFalseAnswerIsAPermanentFailureWithChattersReason() async throws {
        try await withConnectorTestKit(ChatterConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(.json(200, ["ok": false, "error": "channel_not_found"]))
            do {
                _ = try await kit.run("post_message", Self.input)
                Issue.record("an ok:false answer must fail")
            } catch let error as ConnectorError {
                #expect(error.kind == .permanent)
                #expect(error.code == "chatter_refused")
                #expect(error.message.contains("channel_not_found"))
            }
        }
    }

    @Test func refusesAnEmptyTextOrAMissingChannelBeforeSending() async throws {
        try await withConnectorTestKit(ChatterConnector(), connection: Self.connection) { kit in
            let blank = try await kit.refusal("post_message", ["channel": "#alerts", "text": "  "])
            #expect(blank.message.contains("/text"))
            let noChannel = try await kit.refusal("post_message", ["text": "hello"])
            #expect(noChannel.message.contains("channel"))
        }
    }

    @Test(arguments: CannedFailure.standard)
    func failuresMapToTheirKind(_ failure: CannedFailure) async throws {
        try await withConnectorTestKit(ChatterConnector(), connection: Self.connection) { kit in
            kit.server.enqueue(failure.response)
            do {
                _ = try await kit.run("post_message", Self.input, timeout: CannedFailure.timeout)
                Issue.record("\(failure) must fail")
            } catch let error as ConnectorError {
                #expect(failure.matches(error), "\(error)")
                #expect(!"\(error)".contains(Self.token))
            }
        }
    }
}
