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
}
