import ConnectorKit
import Crypto
import Foundation

/// Checks a webhook against its flow's ``WebhookVerification``.
public enum WebhookVerifier {
    /// The request's header lookup (case-insensitive) and body.
    public static func verify(_ verification: WebhookVerification, header: (String) -> String?, body: [UInt8],
                              now: Double) -> Result<Void, WebhookRejection> {
        switch verification {
        case .sharedSecret(let name, let secret):
            guard let presented = header(name) else { return .failure(.init("the \(name) header is missing")) }
            return constantTimeEqual(Array(presented.utf8), Array(secret.exposed.utf8))
                ? .success(()) : .failure(.init("the \(name) header does not match"))
        case .standardWebhooks(let secret, let tolerance):
            guard let id = header("webhook-id"), let timestamp = header("webhook-timestamp"), let signatures = header("webhook-signature") else {
                return .failure(.init("Standard Webhooks headers missing (webhook-id, webhook-timestamp, webhook-signature)"))
            }
            guard let key = StandardWebhooksSignature.key(from: secret.exposed) else { return .failure(.init("the flow's secret is unusable")) }
            return StandardWebhooksSignature.verify(id: id, timestamp: timestamp, signatures: signatures, body: body, key: key,
                                                    now: now, tolerance: tolerance)
        }
    }

    /// Equality that takes the same time wherever the first difference is (the length still shows).
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
