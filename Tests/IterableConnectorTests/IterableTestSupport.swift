import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

/// Shared pieces of the Iterable connector tests: the connection, a kit over the loopback
/// server, and checks of the exact request sent.
enum Iterable {
    /// The API key of every test connection; no error message may contain it.
    static let apiKey = "itbl-test-key-5b1f0c9e"
    static let connection = Connection.apiKey(apiKey, scheme: .apiKeyHeader(name: "Api-Key"))
    /// Iterable's plain success answer.
    static let success: JSONValue = ["msg": "", "code": "Success", "params": .null]

    /// Runs `body` with a kit for the Iterable connector over a fresh loopback server.
    static func withKit<Result: Sendable>(_ body: (ConnectorTestKit<IterableConnector>) async throws -> Result) async throws -> Result {
        try await withConnectorTestKit(IterableConnector(), connection: connection, body)
    }

    /// Checks `request` is `method path` with exactly `query`, the `Api-Key` header and, for
    /// a body, `Content-Type: application/json` and exactly `body`.
    static func expect(
        _ request: RecordedRequest, _ method: String, _ path: String, query: [String] = [], body: JSONValue? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(request.method == method, sourceLocation: sourceLocation)
        #expect(request.path == path, sourceLocation: sourceLocation)
        #expect(request.query.map { "\($0.0)=\($0.1)" } == query, sourceLocation: sourceLocation)
        #expect(request.headers["Api-Key"] == apiKey, sourceLocation: sourceLocation)
        #expect(request.headers["Accept"] == "application/json", sourceLocation: sourceLocation)
        if let body {
            #expect(request.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
            #expect(request.json == body, "body: \(request.bodyText)", sourceLocation: sourceLocation)
        } else {
            #expect(request.body.isEmpty, "body: \(request.bodyText)", sourceLocation: sourceLocation)
            #expect(request.headers["Content-Type"] == nil, sourceLocation: sourceLocation)
        }
    }

    /// The error `run` throws, or `nil` (recorded as an issue) when it succeeds.
    static func failure(
        sourceLocation: SourceLocation = #_sourceLocation, _ run: () async throws(ConnectorError) -> JSONValue
    ) async -> ConnectorError? {
        do {
            let output = try await run()
            Issue.record("expected an error, got \(output.serialized())", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(!error.description.contains(apiKey), "the API key leaked: \(error)", sourceLocation: sourceLocation)
            return error
        }
    }
}
