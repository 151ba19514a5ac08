/// The connectors a process knows, looked up by id: a value built once and passed to the
/// runner and the CLI (there is no global registry).
///
/// Ids are versioned: `iterable@1` names version 1, plain `iterable` the newest registered.
public struct ConnectorRegistry: Sendable {
    /// Every connector, in registration order.
    public let connectors: [any Connector]

    /// A registry of `connectors`.
    /// - Precondition: no two share an id and version.
    public init(_ connectors: [any Connector]) {
        var seen = Set<String>()
        for connector in connectors {
            precondition(seen.insert(connector.versionedID).inserted, "connector \(connector.versionedID) is registered twice")
        }
        self.connectors = connectors
    }

    /// The connector `reference` names (`iterable` or `iterable@1`).
    /// - Throws: ``ConnectorLookupError`` with a did-you-mean hint.
    public func connector(_ reference: String) throws(ConnectorLookupError) -> any Connector {
        let parts = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let id = String(parts[0])
        let candidates = connectors.filter { $0.id == id }
        if parts.count == 2 {
            guard let version = Int(parts[1]) else {
                throw ConnectorLookupError("'\(reference)' has a malformed version", hint: "write \(id)@1")
            }
            if let match = candidates.first(where: { $0.version == version }) { return match }
            if !candidates.isEmpty {
                throw ConnectorLookupError("connector \(id) has no version \(version)",
                                           hint: "available: \(candidates.map(\.versionedID).joined(separator: ", "))")
            }
        } else if let newest = candidates.max(by: { $0.version < $1.version }) {
            return newest
        }
        let ids = connectors.map(\.id)
        throw ConnectorLookupError("unknown connector '\(reference)'",
                                   hint: Suggestion.closest(to: id, in: ids).map { "did you mean '\($0)'?" }
                                       ?? "known: \(Set(ids).sorted().joined(separator: ", "))")
    }

    /// The action `actionID` of connector `reference`.
    public func action(_ reference: String, _ actionID: String) throws(ConnectorLookupError) -> (connector: any Connector, action: any Action) {
        let connector = try connector(reference)
        guard let action = connector.action(actionID) else {
            let ids = connector.actions.map(\.id)
            throw ConnectorLookupError("connector \(connector.versionedID) has no action '\(actionID)'",
                                       hint: Suggestion.closest(to: actionID, in: ids).map { "did you mean '\($0)'?" }
                                           ?? "actions: \(ids.joined(separator: ", "))")
        }
        return (connector, action)
    }

    /// The trigger `triggerID` of connector `reference`.
    public func trigger(_ reference: String, _ triggerID: String) throws(ConnectorLookupError) -> (connector: any Connector, trigger: any Trigger) {
        let connector = try connector(reference)
        guard let trigger = connector.trigger(triggerID) else {
            let ids = connector.triggers.map(\.id)
            throw ConnectorLookupError("connector \(connector.versionedID) has no trigger '\(triggerID)'",
                                       hint: Suggestion.closest(to: triggerID, in: ids).map { "did you mean '\($0)'?" }
                                           ?? (ids.isEmpty ? "it has no triggers" : "triggers: \(ids.joined(separator: ", "))"))
        }
        return (connector, trigger)
    }
}

/// A connector, action or trigger that is not registered.
public struct ConnectorLookupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { " (hint: \($0))" } ?? "") }
}
