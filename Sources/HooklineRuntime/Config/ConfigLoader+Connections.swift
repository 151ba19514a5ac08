import ConnectorKit

extension ConfigLoader {
    /// `connections: {name: {connector: ID, rateLimit: N, ...connection members}}`.
    mutating func readConnections(_ value: JSONValue?) -> [String: ConfiguredConnection] {
        guard let entries = reader.object(value, at: "/connections", what: "connections") else { return [:] }
        var connections: [String: ConfiguredConnection] = [:]
        for entry in entries {
            let pointer = "/connections/" + JSONPath.pointerToken(entry.key)
            guard var object = reader.object(entry.value, at: pointer, what: "a connection"),
                  let reference = reader.requiredString(object, "connector", at: pointer, what: "a connection")
            else {
                brokenConnections.insert(entry.key)
                continue
            }
            let connector: any Connector
            do {
                connector = try registry.connector(reference)
            } catch {
                reader.error(error.message, at: pointer + "/connector", hint: error.hint)
                brokenConnections.insert(entry.key)
                continue
            }
            var rateLimiter: RateLimiter?
            if let perSecond = reader.number(object, "rateLimit", at: pointer, in: 0.001...1_000_000) {
                rateLimiter = RateLimiter(perSecond: perSecond)
            }
            object["connector"] = nil
            object["rateLimit"] = nil
            do {
                let connection = try Connection(json: .object(object), spec: connector.connection, at: pointer)
                secrets += connection.secrets
                connections[entry.key] = ConfiguredConnection(name: entry.key, connector: connector, connection: connection,
                                                              tokens: OAuthTokenCache(), rateLimiter: rateLimiter)
                brokenConnections.remove(entry.key)
            } catch {
                brokenConnections.insert(entry.key)
                for diagnostic in error.diagnostics {
                    var hint = diagnostic.hint
                    if diagnostic.message.hasPrefix("unknown connection member") {
                        hint = (hint.map { $0 + "; " } ?? "") + "a connection also takes 'connector' and 'rateLimit'"
                    }
                    reader.error(diagnostic.message, at: diagnostic.location ?? pointer, hint: hint)
                }
            }
        }
        return connections
    }
}
