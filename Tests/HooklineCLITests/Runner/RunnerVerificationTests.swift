import ConnectorKit
import ConnectorTesting
import Crypto
import Foundation
import Testing

/// `hookline run` refusing webhooks it cannot verify (Standard Webhooks signatures, shared
/// secret headers) before anything is stored.
@Suite("hookline run: webhook verification")
struct RunnerVerificationTests {
    /// The Standard Webhooks specification's example secret and signed message.
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let sharedSecret = "shared-secret-0123456789"

    static func config(sinkURL: String) -> String {
        RunnerConfigs.iterable(sinkURL: sinkURL, verify: "{standardWebhooks: \(secret)}", extraFlows: """
              shared:
                trigger:
                  connector: iterable
                  trigger: system_webhook
                  verify: {header: X-Hook-Secret, secret: \(sharedSecret)}
                steps:
                  - id: track
                    connector: iterable
                    action: track_event
                    connection: iterable
                    timeoutSeconds: 2
                    mapping:
                      email: "{{email}}"
                      eventName: "{{eventName}}"
            """)
    }

    /// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, computed here independently of the runner.
    static func signature(id: String, timestamp: Int, body: String, secret: String = secret) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count)))!)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    @Test("The signature helper reproduces the Standard Webhooks example")
    func signatureHelper() {
        #expect(Self.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, body: #"{"test": 2432232314}"#)
            == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("Standard Webhooks: a valid signature is accepted; a bad or stale one is 401 and nothing is stored")
    func standardWebhooks() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: Self.config(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let body = RunnerConfigs.event(1).serialized()
            let now = Int(Date().timeIntervalSince1970)
            func headers(id: String, timestamp: Int, signature: String) -> HTTPHeaders {
                ["webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signature]
            }

            let valid = try await runner.post("opens", body: Array(body.utf8), headers: headers(
                id: "msg_valid", timestamp: now, signature: "v1,bm90IHRoaXMgb25l " + Self.signature(id: "msg_valid", timestamp: now, body: body)))
            #expect(valid.status == 202, "\(valid.text)")
            let runID = try #require(valid.json?["runId"]?.stringValue)

            // Signed for another body (a tampered payload).
            let tampered = try await runner.post("opens", body: Array(body.utf8), headers: headers(
                id: "msg_tampered", timestamp: now, signature: Self.signature(id: "msg_tampered", timestamp: now, body: body + " ")))
            #expect(tampered.status == 401)
            #expect(tampered.json == ["error": "verification failed: no valid v1 signature in webhook-signature"])

            // Signed with another secret.
            let otherKey = try await runner.post("opens", body: Array(body.utf8), headers: headers(
                id: "msg_other", timestamp: now,
                signature: Self.signature(id: "msg_other", timestamp: now, body: body, secret: "whsec_" + Data(repeating: 7, count: 24).base64EncodedString())))
            #expect(otherKey.status == 401)

            // The specification's example: a valid signature, but made in 2021.
            let exampleBody = #"{"test": 2432232314}"#
            let stale = try await runner.post("opens", body: Array(exampleBody.utf8), headers: headers(
                id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="))
            #expect(stale.status == 401)
            #expect(stale.json == ["error": "verification failed: webhook-timestamp is more than 300 s away from now (replayed or clock skew)"])

            // A valid signature whose id was changed (the id is signed too).
            let renamed = try await runner.post("opens", body: Array(body.utf8), headers: headers(
                id: "msg_renamed", timestamp: now, signature: Self.signature(id: "msg_valid", timestamp: now, body: body)))
            #expect(renamed.status == 401)

            let unsigned = try await runner.post("opens", event: RunnerConfigs.event(1))
            #expect(unsigned.status == 401)
            #expect(unsigned.json == ["error": "verification failed: Standard Webhooks headers missing (webhook-id, webhook-timestamp, webhook-signature)"])

            #expect(try await runner.finishedRun(runID)["status"] == "succeeded")
            let runs = try await runner.api("runs").json?["runs"]?.arrayValue
            #expect(runs?.map { $0["id"] } == [.string(runID)], "only the verified webhook is stored")
            #expect(sink.requests.count == 1)
            #expect(try await runner.terminate() == 0)
            try await expectNoSecret(Self.secret, runner: runner, sandbox: sandbox)
            try await expectNoSecret(String(Self.secret.dropFirst("whsec_".count)), runner: runner, sandbox: sandbox)
        }
    }

    @Test("Shared secret header: right → 202, wrong or missing → 401, nothing stored")
    func sharedSecretHeader() async throws {
        try await withSink { sink in
            let sandbox = try RunnerSandbox(config: Self.config(sinkURL: sink.baseURL))
            let runner = try await sandbox.start()
            let wrong = try await runner.post("shared", event: RunnerConfigs.event(1), headers: ["X-Hook-Secret": "shared-secret-0123456780"])
            #expect(wrong.status == 401)
            #expect(wrong.json == ["error": "verification failed: the X-Hook-Secret header does not match"])
            let short = try await runner.post("shared", event: RunnerConfigs.event(1), headers: ["X-Hook-Secret": "shared"])
            #expect(short.status == 401)
            let missing = try await runner.post("shared", event: RunnerConfigs.event(1))
            #expect(missing.status == 401)
            #expect(missing.json == ["error": "verification failed: the X-Hook-Secret header is missing"])
            #expect(try await runner.api("runs").json?["runs"] == [])

            let right = try await runner.post("shared", event: RunnerConfigs.event(1), headers: ["x-hook-secret": Self.sharedSecret])
            #expect(right.status == 202, "\(right.text)")
            let runID = try #require(right.json?["runId"]?.stringValue)
            #expect(try await runner.finishedRun(runID)["status"] == "succeeded")
            #expect(sink.requests.map(\.json) == [["eventName": "emailOpen", "email": "ana@example.com"]])
            #expect(try await runner.terminate() == 0)
            try await expectNoSecret(Self.sharedSecret, runner: runner, sandbox: sandbox)
        }
    }
}
