import Crypto
import Foundation

/// Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over
/// `"<webhook-id>.<webhook-timestamp>.<body>"` with the key of a `whsec_<base64>` secret;
/// `webhook-signature` lists `v1,<base64>` signatures separated by spaces.
public enum StandardWebhooksSignature {
    /// The HMAC key of `secret` (`whsec_` prefix optional), or `nil` when it is not base64.
    public static func key(from secret: String) -> SymmetricKey? {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { return nil }
        return SymmetricKey(data: bytes)
    }

    /// The `v1,<base64>` signature of `body`.
    public static func sign(id: String, timestamp: Int64, body: some Collection<UInt8>, key: SymmetricKey) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// Whether `signatures` (the header) holds a valid signature of `body` made within
    /// `tolerance` seconds of `now`. Signatures compare in constant time.
    public static func verify(id: String, timestamp: String, signatures: String, body: some Collection<UInt8>, key: SymmetricKey,
                              now: Double, tolerance: Double) -> Result<Void, WebhookRejection> {
        guard let seconds = Int64(timestamp) else { return .failure(.init("webhook-timestamp is not a Unix time")) }
        guard abs(Double(seconds) - now) <= tolerance else {
            return .failure(.init("webhook-timestamp is more than \(Int(tolerance)) s away from now (replayed or clock skew)"))
        }
        var message = Array("\(id).\(seconds).".utf8)
        message.append(contentsOf: body)
        for candidate in signatures.split(separator: " ") {
            guard candidate.hasPrefix("v1,"), let signature = Data(base64Encoded: String(candidate.dropFirst(3))) else { continue }
            if HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: key) { return .success(()) }
        }
        return .failure(.init("no valid v1 signature in webhook-signature"))
    }
}

/// Why a webhook was refused (the message is safe to send back: it holds no secret).
public struct WebhookRejection: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
