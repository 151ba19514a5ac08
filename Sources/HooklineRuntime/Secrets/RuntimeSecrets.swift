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

    private struct State {
        var values: [String] = []
        var seen: Set<String>
        /// Redaction of the known secrets and `values` together (one pass over each text),
        /// prepared again only when a value is added.
        var redactor: Redactor
    }

    private let known: [Secret]
    private let state: NIOLockedValueBox<State>

    /// `known`: the config's secrets (redacted by ``redactor`` too, not learned again).
    public init(known: [Secret] = []) {
        self.known = known
        state = NIOLockedValueBox(State(seen: Set(known.map(\.exposed)), redactor: Redactor(secrets: known)))
    }

    /// Everything learned so far.
    public var all: [Secret] {
        state.withLockedValue { $0.values.map { Secret($0) } }
    }

    /// Redaction of the known secrets and everything learned so far.
    public var redactor: Redactor {
        state.withLockedValue { $0.redactor }
    }

    /// Keeps `candidates` (ignoring short and known ones).
    func learn(_ candidates: [String]) {
        // Almost always every candidate is known already (the same credential on every request).
        if state.withLockedValue({ state in candidates.allSatisfy { state.seen.contains($0) } }) { return }
        // UTF-8 length first: counting characters walks grapheme boundaries.
        let long = candidates.filter { $0.utf8.count >= Self.minimumLength && $0.count >= Self.minimumLength }
        guard !long.isEmpty else { return }
        state.withLockedValue { state in
            let fresh = long.filter { !state.seen.contains($0) }
            guard !fresh.isEmpty else { return }
            for value in fresh where state.seen.insert(value).inserted { state.values.append(value) }
            if state.values.count > Self.capacity { state.values.removeFirst(state.values.count - Self.capacity) }
            state.redactor = Redactor(secrets: known + state.values.map { Secret($0) })
        }
    }

    /// Learns the credentials `request` carries in its credential headers (the whole value and,
    /// after a scheme such as `Bearer` or `Basic`, the credentials alone).
    func learn(from request: HTTPRequest) {
        var found: [String] = []
        for field in request.headers where Redaction.isSensitiveHeader(field.name) {
            found.append(field.value)
            if let space = field.value.firstIndex(of: " ") {
                found.append(String(field.value[field.value.index(after: space)...]))
            }
        }
        if !found.isEmpty { learn(found) }
    }

    /// Learns the tokens in a JSON answer (`access_token`, `refresh_token`, `id_token`); the body
    /// is parsed only when it mentions one.
    func learn(from response: HTTPResponse) {
        guard Self.mentionsToken(response.body), case .object(let object)? = response.json else { return }
        learn(Self.tokenMembers.compactMap { object[$0]?.stringValue })
    }

    /// Whether `body` holds `_token"` (a cheap scan before any parsing).
    static func mentionsToken(_ body: [UInt8]) -> Bool {
        let needle = Array(#"_token""#.utf8)
        guard body.count >= needle.count else { return false }
        var index = 0
        while index <= body.count - needle.count {
            if body[index] == needle[0], body[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
