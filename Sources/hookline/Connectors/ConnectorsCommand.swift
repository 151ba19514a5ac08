import ArgumentParser
import ConnectorKit
import HooklineConnectors

/// `hookline connectors`: what the registry holds, and one action performed for real.
struct ConnectorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connectors",
        abstract: "List, describe and call connectors.",
        subcommands: [ConnectorsListCommand.self, ConnectorsDescribeCommand.self, ConnectorsCallCommand.self]
    )

    /// The registry every subcommand uses.
    static var registry: ConnectorRegistry { BuiltInConnectors.registry }
}

/// `hookline connectors list [--json]`.
struct ConnectorsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered connectors.")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let connectors = ConnectorsCommand.registry.connectors
        if json {
            let entries: [JSONValue] = connectors.map { connector in
                ["id": .string(connector.versionedID), "name": .string(connector.name), "summary": .string(connector.summary),
                 "auth": .array(connector.connection.auth.map { .string($0.name) }),
                 "triggers": .array(connector.triggers.map { .string($0.id) }),
                 "actions": .array(connector.actions.map { .string($0.id) })]
            }
            StandardOutput.write(JSONValue.array(entries).serialized(options: JSONWriteOptions(pretty: true)) + "\n")
            return
        }
        var rows = [["ID", "NAME", "AUTH", "TRIGGERS", "ACTIONS"]]
        for connector in connectors {
            rows.append([connector.versionedID, connector.name, connector.connection.auth.map(\.name).joined(separator: ","),
                         String(connector.triggers.count), String(connector.actions.count)])
        }
        StandardOutput.write(TextTable.render(rows))
    }
}

/// `hookline connectors describe ID [--json]`.
struct ConnectorsDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a connector's auth, triggers and actions with their fields."
    )

    @Argument(help: "The connector id, e.g. iterable or iterable@1.")
    var id: String

    @Flag(help: "Print JSON (fields as Workato-style field lists).")
    var json = false

    func run() async throws {
        let connector: any Connector
        do {
            connector = try ConnectorsCommand.registry.connector(id)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
        if json {
            StandardOutput.write(connector.descriptionJSON.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
        } else {
            StandardOutput.write(ConnectorDescriptionText.render(connector))
        }
    }
}
