import ArgumentParser
import Foundation

/// `hookline new connector|action`: scaffolds for connector authors.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a connector, or an action of one, that compiles and is tested.",
        subcommands: [NewConnectorCommand.self, NewActionCommand.self]
    )
}

/// Where the package is (the folder holding Package.swift).
struct PackagePathOption: ParsableArguments {
    @Option(help: "The package root (the folder holding Package.swift).")
    var packagePath: String = "."

    var root: URL { URL(fileURLWithPath: packagePath, isDirectory: true).standardizedFileURL }
}

/// `hookline new connector NAME [--auth ...]`.
struct NewConnectorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connector",
        abstract: "Create Connectors/NAME with an example action, a webhook trigger, samples and tests, and register it.",
        discussion: """
            NAME is UpperCamelCase (Orbit, OrbitCrm): the module is NAMEConnector, the connector id and \
            the Schemas/ folder are NAME in lower case. Package.swift gains the target and its test \
            target; Sources/HooklineConnectors/BuiltInConnectors.swift gains the connector.
            """
    )

    @Argument(help: "The connector's name, UpperCamelCase (e.g. Orbit).")
    var name: String

    @Option(help: "The authentication: \(ScaffoldAuth.allCases.map(\.rawValue).joined(separator: ", ")).")
    var auth: ScaffoldAuth = .apiKey

    @Option(help: "The example action's id, snake_case.")
    var action: String = "create_contact"

    @OptionGroup var package: PackagePathOption

    func run() async throws {
        do {
            let plan = try Self.plan(name: name, auth: auth, action: action, root: package.root)
            try plan.write(under: package.root)
            let names = try ConnectorNames(name)
            StandardOutput.write(plan.summary + """

                Next:
                  swift build --build-tests && swift test --filter \(names.testTarget)
                  Edit Connectors/\(names.base)/\(names.connectorType).swift: the base URL, auth and connection test.
                  Add actions with: hookline new action \(names.base) ACTION_ID
                  Sample payloads in Schemas/\(names.id)/<schema>/*.sample.json become \(names.schemasType).<schema>.

                """)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
    }

    /// The files a new connector takes, and the registration edits.
    static func plan(name: String, auth: ScaffoldAuth, action actionID: String, root: URL) throws(ScaffoldError) -> ScaffoldPlan {
        let names = try ConnectorNames(name)
        let action = try ActionNames(actionID)
        if action.type == names.triggerType || action.type == names.connectorType || action.type == names.schemasType {
            throw ScaffoldError("action id '\(actionID)' gives the type \(action.type), which the connector itself uses; choose another")
        }
        let manifest = try ScaffoldPlan.read(PackageRegistration.manifestFile, under: root)
        let registry = try ScaffoldPlan.read(PackageRegistration.registryFile, under: root)
        for folder in ["Connectors/\(names.base)", "Schemas/\(names.id)", "Tests/\(names.testTarget)"]
        where FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path) {
            throw ScaffoldError("\(folder) already exists; refusing to overwrite it (choose another name, or remove the folder)")
        }
        var plan = ScaffoldPlan()
        let source = "Connectors/\(names.base)"
        let tests = "Tests/\(names.testTarget)"
        plan.created = [
            ("\(source)/\(names.connectorType).swift", ConnectorTemplates.connector(names, auth: auth, action: action)),
            ("\(source)/\(action.type).swift", ActionTemplates.action(names, action)),
            ("\(source)/\(names.triggerType).swift", ConnectorTemplates.trigger(names)),
            ("Schemas/\(names.id)/\(action.schemaFolder)/example.sample.json", ActionTemplates.sample()),
            ("Schemas/\(names.id)/webhook/contact-created.sample.json", ConnectorTemplates.triggerSample()),
            ("\(tests)/\(names.testConnectionType).swift", ConnectorTemplates.testConnection(names, auth: auth)),
            ("\(tests)/\(names.base)ConnectorTests.swift", ConnectorTemplates.connectorTests(names, auth: auth)),
            ("\(tests)/\(action.testType).swift", ActionTemplates.tests(names, action)),
        ]
        plan.edited = [
            (PackageRegistration.manifestFile, try PackageRegistration.manifest(manifest, adding: names)),
            (PackageRegistration.registryFile, try PackageRegistration.registry(registry, adding: names)),
        ]
        return plan
    }
}

/// `hookline new action CONNECTOR ACTION_ID`.
struct NewActionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "Add an action, its sample input and its tests to a connector made by 'hookline new connector'.",
        discussion: """
            Creates Connectors/CONNECTOR/<Action>.swift, Schemas/<connector>/<action-id>/example.sample.json \
            and Tests/CONNECTORConnectorTests/<Action>Tests.swift, and adds the action to the connector's \
            actions list. The tests use the connector's <Name>TestConnection.swift.
            """
    )

    @Argument(help: "The connector's name, as its folder under Connectors/ (e.g. Orbit).")
    var connector: String

    @Argument(help: "The action's id, snake_case (e.g. update_contact).")
    var actionID: String

    @OptionGroup var package: PackagePathOption

    func run() async throws {
        do {
            let plan = try Self.plan(connector: connector, actionID: actionID, root: package.root)
            try plan.write(under: package.root)
            let names = try ConnectorNames(connector)
            let action = try ActionNames(actionID)
            StandardOutput.write(plan.summary + """

                Next:
                  Edit Connectors/\(names.base)/\(action.type).swift (path and fields) and Schemas/\(names.id)/\(action.schemaFolder)/example.sample.json.
                  swift build --build-tests && swift test --filter \(names.testTarget)

                """)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
    }

    /// The files of a new action, and the edit of the connector's actions list.
    static func plan(connector: String, actionID: String, root: URL) throws(ScaffoldError) -> ScaffoldPlan {
        let names = try ConnectorNames(connector)
        let action = try ActionNames(actionID)
        let connectorFile = "Connectors/\(names.base)/\(names.connectorType).swift"
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(connectorFile).path) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Connectors").path))?.sorted() ?? []
            throw ScaffoldError("found no \(connectorFile)" + (known.isEmpty ? "; run this in the package root or give --package-path"
                : "; connectors here: \(known.joined(separator: ", "))"))
        }
        let helper = "Tests/\(names.testTarget)/\(names.testConnectionType).swift"
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(helper).path) else {
            throw ScaffoldError("found no \(helper): the generated tests use it, and only 'hookline new connector' makes it; "
                + "add an enum \(names.testConnectionType) with withKit(_:) and expectAuthenticated(_:) (see a generated connector), then run this again")
        }
        if action.type == names.triggerType || action.type == names.connectorType || action.type == names.schemasType
            || action.type == names.testConnectionType {
            throw ScaffoldError("action id '\(actionID)' gives the type \(action.type), which the connector itself uses; choose another")
        }
        let source = try ScaffoldPlan.read(connectorFile, under: root)
        var plan = ScaffoldPlan()
        plan.created = [
            ("Connectors/\(names.base)/\(action.type).swift", ActionTemplates.action(names, action)),
            ("Schemas/\(names.id)/\(action.schemaFolder)/example.sample.json", ActionTemplates.sample()),
            ("Tests/\(names.testTarget)/\(action.testType).swift", ActionTemplates.tests(names, action)),
        ]
        plan.edited = [(connectorFile, try PackageRegistration.actions(source, adding: action, file: connectorFile))]
        return plan
    }
}
