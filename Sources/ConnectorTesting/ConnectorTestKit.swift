import ConnectorKit
import HooklineHTTP

/// A connector wired to a fresh ``LoopbackServer`` over the real HTTP transport: run actions,
/// then assert on the requests the server recorded.
///
/// ```swift
/// try await withConnectorTestKit(CloutlyConnector(), connection: .apiKey("k", scheme: .apiKeyHeader(name: "x-api-key"))) { kit in
///     kit.server.enqueue(.json(200, ["contact": [:]]))
///     _ = try await kit.run("send_review_invite", ["email": "a@example.com", "businessId": "b1"])
///     #expect(kit.server.requests[0].headers["x-api-key"] == "k")
/// }
/// ```
public struct ConnectorTestKit<Subject: Connector>: Sendable {
    public let connector: Subject
    public let server: LoopbackServer
    /// The connection, with its `baseURL` pointing at the server.
    public let connection: Connection
    /// The connection's OAuth token cache, shared by every ``run(_:_:timeout:)``.
    public let tokens: OAuthTokenCache
    public let transport: HTTPClientTransport

    /// Starts a server and points `connection` at it.
    public static func start(_ connector: Subject, connection: Connection = Connection()) async throws -> ConnectorTestKit {
        let server = try await LoopbackServer.start()
        var connection = connection
        connection.baseURL = server.baseURL
        connection.region = nil
        return ConnectorTestKit(connector: connector, server: server, connection: connection, tokens: OAuthTokenCache(),
                                transport: HTTPClientTransport())
    }

    /// A context for the connector's actions.
    public func context(timeout: Duration = .seconds(10), idempotencyKey: String? = nil) throws(ConnectorError) -> ActionContext {
        var context = try connector.context(connection, transport: transport, tokens: tokens, timeout: timeout)
        context.idempotencyKey = idempotencyKey
        return context
    }

    /// Runs action `id` with `input` (checked against its fields first, as the runner does).
    public func run(_ id: String, _ input: JSONValue, timeout: Duration = .seconds(10)) async throws(ConnectorError) -> JSONValue {
        guard let action = connector.action(id) else {
            throw .configuration("\(connector.versionedID) has no action '\(id)'")
        }
        return try await action.run(input, context: context(timeout: timeout))
    }

    /// Runs action `id` with `input` it must refuse before sending anything, and returns the
    /// `invalid_input` error so a test can check its message.
    /// - Throws: ``ConnectorTestKitError`` when the input is accepted, another error comes back,
    ///   or a request reached the server.
    public func refusal(_ id: String, _ input: JSONValue) async throws -> ConnectorError {
        let sentBefore = server.requests.count
        do {
            let output = try await run(id, input)
            throw ConnectorTestKitError("\(id) accepted input it must refuse; it returned \(output.serialized())")
        } catch let error as ConnectorError {
            guard error.code == "invalid_input", error.kind == .permanent else {
                throw ConnectorTestKitError("\(id) failed with \(error), not an invalid_input error")
            }
            let sent = server.requests.count - sentBefore
            guard sent == 0 else {
                throw ConnectorTestKitError("\(id) refused the input, but only after sending \(sent) request(s)")
            }
            return error
        }
    }

    /// The only request the server received.
    /// - Throws: when it received none or several.
    public func onlyRequest() throws -> RecordedRequest {
        let requests = server.requests
        guard requests.count == 1 else {
            throw ConnectorTestKitError("expected exactly one request, the server received \(requests.count):\n"
                + requests.map(\.description).joined(separator: "\n---\n"))
        }
        return requests[0]
    }

    /// Stops the server.
    public func shutdown() async throws {
        try await server.shutdown()
    }
}

/// Runs `body` with a started kit and shuts it down afterwards, whatever happens.
public func withConnectorTestKit<Subject: Connector, Result: Sendable>(
    _ connector: Subject, connection: Connection = Connection(),
    _ body: (ConnectorTestKit<Subject>) async throws -> Result
) async throws -> Result {
    let kit = try await ConnectorTestKit.start(connector, connection: connection)
    do {
        let result = try await body(kit)
        try await kit.shutdown()
        return result
    } catch {
        try? await kit.shutdown()
        throw error
    }
}

/// A test-kit expectation that did not hold.
public struct ConnectorTestKitError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
