import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// `hookline run` answering bad webhooks with the right status and a message that says what
/// is wrong, storing nothing, and serving on afterwards.
@Suite("hookline run: bad webhooks")
struct RunnerBadInputTests {
    @Test("Oversized, malformed, non-object, wrong content type and unknown flow are refused; the server serves on")
    func refusesBadWebhooks() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, maxBodyBytes: 1024))
            let runner = try await sandbox.start()

            let big = RunnerConfigs.event(1, padding: String(repeating: "x", count: 2000))
            let bigBody = Array(big.serialized().utf8)
            let oversized = try await runner.post("opens", body: bigBody)
            #expect(oversized.status == 413)
            #expect(oversized.json == ["error": .string("the body is \(bigBody.count) bytes; the limit is 1024")])

            let malformedBody = "{\n  \"email\": \"ana@example.com\",\n  \"eventName\": ,\n  \"dataFields\": {}\n}"
            let malformed = try await runner.post("opens", body: Array(malformedBody.utf8))
            #expect(malformed.status == 400)
            let message = try #require(malformed.json?["error"]?.stringValue)
            #expect(message.hasPrefix("malformed JSON at line 3, column 16: "), "\(message)")

            let truncated = try await runner.post("opens", body: Array(#"{"email": "ana@example.com""#.utf8))
            #expect(truncated.status == 400)
            #expect(truncated.json?["error"]?.stringValue?.hasPrefix("malformed JSON at line 1, column 28: ") == true, "\(truncated.text)")

            let array = try await runner.post("opens", body: Array("[1, 2]".utf8))
            #expect(array.status == 400)
            #expect(array.json == ["error": "the body must be a JSON object, found array"])

            let deep = String(repeating: #"{"a":"#, count: 100) + "1" + String(repeating: "}", count: 100)
            let tooDeep = try await runner.post("opens", body: Array(deep.utf8))
            #expect(tooDeep.status == 400)

            let text = try await runner.post("opens", body: Array(RunnerConfigs.event(1).serialized().utf8), contentType: "text/plain; charset=utf-8")
            #expect(text.status == 415)
            #expect(text.json == ["error": "unsupported Content-Type 'text/plain'; send application/json or application/x-www-form-urlencoded"])
            let none = try await runner.post("opens", body: Array(RunnerConfigs.event(1).serialized().utf8), contentType: nil)
            #expect(none.status == 415)
            #expect(none.json == ["error": "no Content-Type; send application/json or application/x-www-form-urlencoded"])

            let unknown = try await runner.post("clicks", event: RunnerConfigs.event(1))
            #expect(unknown.status == 404)
            #expect(unknown.json == ["error": "no flow 'clicks'"])

            #expect(try await runner.api("runs").json?["runs"] == [], "nothing refused was stored")

            // Still serving: a good event (JSON with a charset parameter) is accepted and delivered.
            let good = try await runner.post("opens", body: Array(RunnerConfigs.event(9).serialized().utf8), contentType: "application/json; charset=utf-8")
            #expect(good.status == 202)
            let runID = try #require(good.json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(runID)["status"] == "succeeded")
            #expect(sink.requests.map(\.json) == [RunnerConfigs.trackBody(9)])
            let health = try await runner.send(HTTPRequest(method: .get, url: runner.baseURL + "/healthz"))
            #expect(health.status == 200)
            #expect(try await runner.terminate() == 0)
        }
    }

    /// One bad webhook of the corpus and the status it must get.
    struct BadWebhook: Sendable, CustomStringConvertible {
        var description: String
        var flow = "opens"
        var body: [UInt8]
        var contentType: String? = "application/json"
        var headers: [(String, String)] = []
        var status: Int
        var message: String?
    }

    /// Flows `guarded` (shared secret header) and `signed` (Standard Webhooks) next to `opens`.
    static let verifiedFlows = """
      guarded:
        trigger: {connector: iterable, trigger: system_webhook, verify: {header: X-Hook-Secret, secret: \(RunnerVerificationTests.sharedSecret)}}
        steps:
          - {id: track, connector: iterable, action: track_event, connection: iterable, timeoutSeconds: 2, mapping: {email: "{{email}}", eventName: "{{eventName}}"}}
      signed:
        trigger: {connector: iterable, trigger: system_webhook, verify: {standardWebhooks: \(RunnerVerificationTests.secret)}}
        steps:
          - {id: track, connector: iterable, action: track_event, connection: iterable, timeoutSeconds: 2, mapping: {email: "{{email}}", eventName: "{{eventName}}"}}
    """

    static let badWebhooks: [BadWebhook] = {
        let event = Array(RunnerConfigs.event(1).serialized().utf8)
        let signedAt = Int(Date().timeIntervalSince1970)
        return [
            BadWebhook(description: "bad UTF-8 in a string", body: Array(#"{"email": "ana"#.utf8) + [0xFF, 0xFE] + Array(#"@example.com"}"#.utf8),
                       status: 400, message: "malformed JSON at line 1, column 15: "),
            BadWebhook(description: "an overlong UTF-8 encoding", body: Array(#"{"a": ""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), status: 400),
            BadWebhook(description: "an empty body", body: [], status: 400, message: "malformed JSON at line 1, column 1: "),
            BadWebhook(description: "binary garbage", body: (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) }, status: 400),
            BadWebhook(description: "10 000-level nesting", body: Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8),
                       status: 400, message: "malformed JSON at line 1, column 65: "),
            BadWebhook(description: "10 000-level object nesting", body: Array((String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)).utf8),
                       status: 400),
            BadWebhook(description: "a 10 MB body", body: [UInt8](repeating: 0x20, count: 10 << 20), status: 413,
                       message: "the body is 10485760 bytes; the limit is 65536"),
            BadWebhook(description: "a JSON string", body: Array(#""emailOpen""#.utf8), status: 400, message: "the body must be a JSON object, found string"),
            BadWebhook(description: "XML", body: Array("<event/>".utf8), contentType: "application/xml", status: 415,
                       message: "unsupported Content-Type 'application/xml'"),
            BadWebhook(description: "form with a bad percent escape", body: Array("email=%ZZ".utf8), contentType: "application/x-www-form-urlencoded",
                       status: 400, message: "malformed form body (bad percent escape or not UTF-8)"),
            BadWebhook(description: "an unknown flow with a bad body", flow: "nope", body: [0xFF], status: 404, message: "no flow 'nope'"),
            BadWebhook(description: "a missing shared secret header", flow: "guarded", body: event, status: 401, message: "verification failed: "),
            BadWebhook(description: "a wrong shared secret", flow: "guarded", body: event, headers: [("X-Hook-Secret", "not-the-secret")],
                       status: 401, message: "verification failed: "),
            BadWebhook(description: "no Standard Webhooks signature", flow: "signed", body: event, status: 401, message: "verification failed: "),
            BadWebhook(description: "a Standard Webhooks signature made with another key", flow: "signed", body: event,
                       headers: [("webhook-id", "msg_1"), ("webhook-timestamp", String(signedAt)),
                                 ("webhook-signature", RunnerVerificationTests.signature(id: "msg_1", timestamp: signedAt, body: String(decoding: event, as: UTF8.self),
                                                                                         secret: "whsec_" + Data("another-key-0123456789abcdef".utf8).base64EncodedString()))],
                       status: 401, message: "verification failed: "),
            // Hummingbird keeps NIO's header limits (80 KB per field and in all): a 64 KB header is
            // served; past the limit the parser fails (headerOverflow) and Hummingbird answers 400
            // with an empty body and closes the connection, before any handler runs.
            BadWebhook(description: "a 64 KB header", body: event, headers: [("X-Padding", String(repeating: "p", count: 64 << 10))], status: 202),
            BadWebhook(description: "a 128 KB header", body: event, headers: [("X-Padding", String(repeating: "p", count: 128 << 10))], status: 400),
            BadWebhook(description: "500 headers of 200 bytes (over 100 KB in all)", body: event,
                       headers: (0..<500).map { ("X-Padding-\($0)", String(repeating: "p", count: 200)) }, status: 400),
        ]
    }()

    @Test("Bad input corpus: each gets its 4xx, and a good event right after it still gets 202")
    func badInputCorpus() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, maxBodyBytes: 65_536, extraFlows: Self.verifiedFlows))
            let runner = try await sandbox.start()
            for (index, bad) in Self.badWebhooks.enumerated() {
                // Written on a raw socket: the server may answer before a huge head or body is all sent.
                let headers = (bad.contentType.map { [("Content-Type", $0)] } ?? []) + bad.headers
                if let reply = try await RawHTTP.post(port: runner.port, path: "/hooks/\(bad.flow)", headers: headers, body: bad.body) {
                    #expect(reply.status == bad.status, "\(bad): \(reply.status) \(reply.body.prefix(300))")
                    if let message = bad.message {
                        #expect(reply.json?["error"]?.stringValue?.hasPrefix(message) == true, "\(bad): \(reply.body.prefix(300))")
                    }
                    if bad.body.count > 1 << 20 {
                        print("bad input: \(bad) answered \(reply.status) after \(reply.bytesSent) bytes sent, connection closed: \(reply.closed)")
                    }
                } else {
                    Issue.record("\(bad): the connection closed without an answer")
                }
                let good = try await runner.post("opens", event: RunnerConfigs.event(100 + index))
                #expect(good.status == 202, "after \(bad): \(good.text)")
            }
            let runs = try #require(try await runner.api("runs?limit=1000").json?["runs"]?.arrayValue)
            #expect(runs.count == Self.badWebhooks.count + Self.badWebhooks.filter { $0.status == 202 }.count, "only the good events were stored")
            for run in runs {
                #expect(try await runner.finishedRun(try #require(run["id"]?.stringValue))["status"] == "succeeded")
            }
            #expect(runner.isRunning)
            #expect(try await runner.terminate() == 0)
        }
    }
}
