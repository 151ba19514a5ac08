import ConnectorKit
import Crypto
import Foundation
import HooklineRuntime
import Testing

@Suite struct WebhookVerifierTests {
    // The Standard Webhooks specification's own example.
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    let timestamp: Int64 = 1614265330
    let body = Array(#"{"test": 2432232314}"#.utf8)

    @Test func matchesTheSpecificationsExampleSignature() throws {
        let key = try #require(StandardWebhooksSignature.key(from: secret))
        #expect(StandardWebhooksSignature.sign(id: id, timestamp: timestamp, body: body, key: key) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func acceptsAValidSignatureAmongSeveralAndRefusesTamperingAndStaleTimes() {
        let verification = WebhookVerification.standardWebhooks(secret: .init(secret), toleranceSeconds: 300)
        let headers = ["webhook-id": id, "webhook-timestamp": String(timestamp),
                       "webhook-signature": "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="]
        let now = Double(timestamp) + 10
        #expect(throws: Never.self) { try WebhookVerifier.verify(verification, header: { headers[$0] }, body: body, now: now).get() }
        var tampered = body
        tampered[tampered.count - 2] = UInt8(ascii: "5")
        #expect(throws: WebhookRejection.self) { try WebhookVerifier.verify(verification, header: { headers[$0] }, body: tampered, now: now).get() }
        #expect(throws: WebhookRejection.self) { try WebhookVerifier.verify(verification, header: { headers[$0] }, body: body, now: now + 600).get() }
        #expect(throws: WebhookRejection.self) { try WebhookVerifier.verify(verification, header: { _ in nil }, body: body, now: now).get() }
    }

    @Test func sharedSecretHeader() {
        let verification = WebhookVerification.sharedSecret(header: "X-Hook-Secret", secret: "0123456789abcdef")
        #expect(throws: Never.self) { try WebhookVerifier.verify(verification, header: { $0 == "X-Hook-Secret" ? "0123456789abcdef" : nil }, body: [], now: 0).get() }
        #expect(throws: WebhookRejection.self) { try WebhookVerifier.verify(verification, header: { _ in "0123456789abcdeX" }, body: [], now: 0).get() }
        #expect(throws: WebhookRejection.self) { try WebhookVerifier.verify(verification, header: { _ in nil }, body: [], now: 0).get() }
    }
}
