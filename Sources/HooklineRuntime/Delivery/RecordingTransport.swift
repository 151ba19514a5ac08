import ConnectorKit
import NIOConcurrencyHelpers

/// Wraps a transport and keeps what went over it during one step attempt: each request
/// (redacted) with its status or error, for the run log and `hookline test`.
final class RecordingTransport: HTTPTransport {
    struct Exchange: Sendable {
        var request: HTTPRequest
        var status: Int?
        var error: String?
        var responseExcerpt: String?
        var milliseconds: Double
    }

    private let base: any HTTPTransport
    private let redactor: Redactor
    /// Where credentials seen on the wire (tokens fetched, `Authorization` values) are kept, for
    /// redaction here and everywhere after; its redactor, covering the config's secrets too,
    /// replaces `redactor` when there is one.
    private let learned: RuntimeSecrets?
    private let box = NIOLockedValueBox<[Exchange]>([])

    init(_ base: any HTTPTransport, redactor: Redactor, learned: RuntimeSecrets? = nil) {
        self.base = base
        self.redactor = redactor
        self.learned = learned
    }

    var exchanges: [Exchange] { box.withLockedValue { $0 } }

    func send(_ request: HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> HTTPResponse {
        learned?.learn(from: request)
        let redacted = (learned?.redactor ?? redactor).redacted(request)
        let start = ContinuousClock.now
        do {
            let response = try await base.send(request, timeout: timeout)
            // A token endpoint's answer: its tokens are secrets from now on, this excerpt included.
            learned?.learn(from: response)
            let raw = response.bodyExcerpt()
            let excerpt = (learned?.redactor ?? redactor).redact(raw)
            box.withLockedValue { $0.append(Exchange(request: redacted, status: response.status, responseExcerpt: excerpt, milliseconds: Self.milliseconds(since: start))) }
            return response
        } catch {
            box.withLockedValue { $0.append(Exchange(request: redacted, error: error.description, milliseconds: Self.milliseconds(since: start))) }
            throw error
        }
    }

    /// The exchanges as JSON for the run log: `[{method, url, headers, body, status|error, ms}]`.
    var json: JSONValue {
        .array(exchanges.map { exchange in
            // The keys are distinct by construction: appended without the duplicate check.
            var object = JSONObject()
            object.reserveCapacity(8)
            object.appendUnchecked(key: "method", value: .string(exchange.request.method.rawValue))
            object.appendUnchecked(key: "url", value: .string(exchange.request.url))
            object.appendUnchecked(key: "headers", value: .object(JSONObject(exchange.request.headers.map { ($0.name, JSONValue.string($0.value)) })))
            if let body = exchange.request.bodyText { object.appendUnchecked(key: "body", value: .string(body)) }
            if let status = exchange.status { object.appendUnchecked(key: "status", value: .integer(Int64(status))) }
            if let error = exchange.error { object.appendUnchecked(key: "error", value: .string(error)) }
            if let excerpt = exchange.responseExcerpt, !excerpt.isEmpty { object.appendUnchecked(key: "response", value: .string(excerpt)) }
            object.appendUnchecked(key: "ms", value: JSONNumber(exchange.milliseconds.rounded()).map(JSONValue.number) ?? .null)
            return .object(object)
        })
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}

/// Answers every request `200 {}` without sending it, so `hookline test` runs flows dry; an
/// OAuth client-credentials grant gets a placeholder token, so the requests after it show too.
struct DryRunTransport: HTTPTransport {
    func send(_ request: HTTPRequest, timeout: Duration) async throws(HTTPTransportError) -> HTTPResponse {
        let isTokenGrant = request.headers["Content-Type"] == "application/x-www-form-urlencoded"
            && (request.bodyText.flatMap(URLEncoding.decodeForm) ?? []).contains { $0.0 == "grant_type" && $0.1 == "client_credentials" }
        let body = isTokenGrant ? #"{"access_token":"dry-run-token","token_type":"Bearer","expires_in":3600}"# : "{}"
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }
}
