/// A service Hookline talks to: how to connect, the events it sends (triggers) and what can
/// be done with it (actions).
///
/// Register connectors in a ``ConnectorRegistry``; the runner and the CLI know none by name.
public protocol Connector: Sendable {
    /// The unversioned id (`iterable`): lower case letters, digits and `-`.
    var id: String { get }
    /// The major version; a breaking change to fields or behaviour bumps it (`iterable@2`).
    var version: Int { get }
    /// A human name; defaults to the id in words.
    var name: String { get }
    var summary: String { get }
    var connection: ConnectionSpec { get }
    var triggers: [any Trigger] { get }
    var actions: [any Action] { get }

    /// Proves a connection works; the default sends the spec's ``ConnectionSpec/test``
    /// request (and does nothing when there is none).
    func testConnection(context: ActionContext) async throws(ConnectorError)
}

extension Connector {
    public var version: Int { 1 }
    public var name: String { ConnectorNaming.words(id) }
    public var summary: String { "" }
    public var triggers: [any Trigger] { [] }

    /// `id@version`, as configs name it.
    public var versionedID: String { "\(id)@\(version)" }

    public func testConnection(context: ActionContext) async throws(ConnectorError) {
        guard let test = connection.test else { return }
        _ = try await context.send(HTTPRequest(method: test.method, url: context.url(test.path)))
    }

    /// The action with `id`, if any.
    public func action(_ id: String) -> (any Action)? { actions.first { $0.id == id } }

    /// The trigger with `id`, if any.
    public func trigger(_ id: String) -> (any Trigger)? { triggers.first { $0.id == id } }

    /// A context for `connection` over `transport`.
    public func context(_ connection: Connection, transport: any HTTPTransport, tokens: OAuthTokenCache = OAuthTokenCache(),
                        timeout: Duration = .seconds(10)) throws(ConnectorError) -> ActionContext {
        try ActionContext(connection: connection, spec: self.connection, transport: transport, tokens: tokens, timeout: timeout)
    }
}
