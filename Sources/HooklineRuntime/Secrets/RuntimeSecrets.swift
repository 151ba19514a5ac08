import ConnectorKit
import NIOConcurrencyHelpers

/// Credentials the runner only learns while it runs: OAuth access tokens handed out by token
/// endpoints, and the credential part of the `Authorization` headers it sends. They are kept so
/// that everything written afterwards (run records, errors, logs), in any step and any run, is
/// redacted of them too: an API may echo a token another connection fetched.
public final class RuntimeSecrets: Sendable {
    /// Values shorter than this are not kept (they would garble text and hide nothing).
    static let minimumLength = 8
    /// The most values kept; the oldest go first (tokens rotate: old ones are expired).
    static let capacity = 256
    /// JSON members of a token endpoint's answer that hold credentials.
    static let tokenMembers = ["access_token", "refresh_token", "id_token"]

    private let values = NIOLockedValueBox<[String]>([])

    public init() {}

    /// Everything learned so far.
    public var all: [Secret] {
        values.withLockedValue { $0.map { Secret($0) } }
    }

    /// Keeps `candidates` (ignoring short and known ones).
    func learn(_ candidates: [String]) {
        let fresh = candidates.filter { $0.count >= Self.minimumLength }
        guard !fresh.isEmpty else { return }
        values.withLockedValue { values in
            for value in fresh where !values.contains(value) { values.append(value) }
            if values.count > Self.capacity { values.removeFirst(values.count - Self.capacity) }
        }
    }

    /// Learns the credentials `request` carries in its credential headers (the whole value and,
    /// after a scheme such as `Bearer` or `Basic`, the credentials alone).
    func learn(from request: HTTPRequest) {
        var found: [String] = []
        for field in request.headers where Redaction.sensitiveHeaders.contains(field.name.lowercased()) {
            found.append(field.value)
            if let space = field.value.firstIndex(of: " ") {
                found.append(String(field.value[field.value.index(after: space)...]))
            }
        }
        learn(found)
    }

    /// Learns the tokens in a JSON answer (`access_token`, `refresh_token`, `id_token`).
    func learn(from response: HTTPResponse) {
        guard case .object(let object)? = response.json else { return }
        learn(Self.tokenMembers.compactMap { object[$0]?.stringValue })
    }
}
