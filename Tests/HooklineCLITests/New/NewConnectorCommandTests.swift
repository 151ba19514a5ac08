import Foundation
import Testing

/// `hookline new connector` and `hookline new action` run as a user would, in a temporary
/// package; the generated code is compiled against this build's modules.
/// Serialized: each case runs the compiler, and running five at once starves timing-sensitive suites.
@Suite("hookline new", .serialized)
struct NewConnectorCommandTests {
    static let connectorFiles = [
        "CreateContact.swift", "OrbitConnector.swift", "OrbitWebhook.swift",
    ]

    @Test func createsACompilingConnectorAndRegistersIt() async throws {
        let package = try ScaffoldPackage()
        defer { package.remove() }
        let result = try await package.new(["connector", "Orbit", "--auth", "api-key"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(try package.files(under: "Connectors/Orbit") == Self.connectorFiles)
        #expect(try package.files(under: "Schemas/orbit") == ["create-contact/example.sample.json", "webhook/contact-created.sample.json"])
        #expect(try package.files(under: "Tests/OrbitConnectorTests") == ["CreateContactTests.swift", "OrbitConnectorTests.swift", "OrbitTestConnection.swift"])
        for file in ["Connectors/Orbit/OrbitConnector.swift", "Package.swift", "Sources/HooklineConnectors/BuiltInConnectors.swift"] {
            #expect(result.stdout.contains(file), "\(result.stdout)")
        }
        #expect(result.stdout.contains("swift test --filter OrbitConnectorTests"))

        let manifest = try package.read("Package.swift")
        let indent = "\n        "
        #expect(manifest.contains(indent + #".target(name: "WebhookConnector", dependencies: ["ConnectorKit"], path: "Connectors/Webhook", plugins: ["SchemaCodegenPlugin"]),"#
            + indent + #".target(name: "OrbitConnector", dependencies: ["ConnectorKit"], path: "Connectors/Orbit", plugins: ["SchemaCodegenPlugin"]),"#))
        #expect(manifest.contains(indent + #".testTarget(name: "WebhookConnectorTests", dependencies: ["WebhookConnector", "ConnectorTesting"]),"#
            + indent + #".testTarget(name: "OrbitConnectorTests", dependencies: ["OrbitConnector", "ConnectorTesting"]),"#))
        #expect(manifest.contains(#"dependencies: ["ConnectorKit", "IterableConnector", "RegalConnector", "CloutlyConnector", "WebhookConnector", "OrbitConnector"]"#))
        let registry = try package.read("Sources/HooklineConnectors/BuiltInConnectors.swift")
        #expect(registry.contains("import IterableConnector\nimport OrbitConnector\nimport RegalConnector\n"))
        #expect(registry.contains("[IterableConnector(), RegalConnector(), CloutlyConnector(), WebhookConnector(), OrbitConnector()]"))

        let connector = try package.read("Connectors/Orbit/OrbitConnector.swift")
        #expect(connector.contains(#"ConnectionSpec(auth: [.apiKeyHeader(name: "X-Api-Key")]"#))
        let action = try package.read("Connectors/Orbit/CreateContact.swift")
        #expect(action.contains(#"try await context.sendJSON(.post, "v1/create-contact", body: input)"#))
        let tests = try package.read("Tests/OrbitConnectorTests/OrbitTestConnection.swift")
        #expect(tests.contains(#"#expect(request.headers["X-Api-Key"] == apiKey)"#))

        // A second run refuses, and changes nothing.
        let again = try await package.new(["connector", "Orbit"])
        #expect(again.status == 1)
        #expect(again.stderr == "error: Connectors/Orbit already exists; refusing to overwrite it (choose another name, or remove the folder)\n")
        #expect(try package.read("Package.swift") == manifest)

        // An action added to it.
        let added = try await package.new(["action", "Orbit", "update_contact"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try package.files(under: "Connectors/Orbit") == (Self.connectorFiles + ["UpdateContact.swift"]).sorted())
        #expect(package.exists("Schemas/orbit/update-contact/example.sample.json"))
        #expect(package.exists("Tests/OrbitConnectorTests/UpdateContactTests.swift"))
        #expect(try package.read("Connectors/Orbit/OrbitConnector.swift").contains("""
                        CreateContact(),
                        UpdateContact(),
                    ]
            """))
        let twice = try await package.new(["action", "Orbit", "update_contact"])
        #expect(twice.status == 1)
        #expect(twice.stderr == "error: Connectors/Orbit/OrbitConnector.swift already lists UpdateContact() among its actions\n")

        try await GeneratedCodeCompiler.check(package, connector: "Orbit")
    }

    /// Each auth variant's connector and tests compile (warnings are errors) and check the right header.
    @Test(arguments: [
        ("none", #"#expect(request.headers["Authorization"] == nil)"#),
        ("basic", #"== "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())"#),
        ("bearer", #"#expect(request.headers["Authorization"] == "Bearer \(token)")"#),
        ("oauth2-client-credentials", #"#expect(request.headers["Authorization"] == "Bearer \(accessToken)")"#),
    ])
    func everyAuthVariantCompiles(_ auth: String, _ check: String) async throws {
        let package = try ScaffoldPackage()
        defer { package.remove() }
        let result = try await package.new(["connector", "Beta", "--auth", auth, "--action", "upsert_member"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try package.read("Tests/BetaConnectorTests/BetaTestConnection.swift").contains(check))
        #expect(package.exists("Connectors/Beta/UpsertMember.swift"))
        try await GeneratedCodeCompiler.check(package, connector: "Beta")
    }

    @Test(arguments: [
        ("orbit", "error: connector name 'orbit' must start with an upper-case ASCII letter: it names the Swift module and types of the connector (e.g. 'Orbit')\n"),
        ("Orbit-Crm", "error: connector name 'Orbit-Crm' may hold only ASCII letters and digits, written UpperCamelCase (e.g. 'OrbitCrm')\n"),
        ("OrbitConnector", "error: connector name 'OrbitConnector' ends in 'Connector', which the scaffold adds itself: use 'Orbit'\n"),
        ("Cloutly", "error: connector name 'Cloutly' would clash with a ConnectorKit or package name; choose another (e.g. 'CloutlyApp')\n"),
    ])
    func refusesBadConnectorNames(_ name: String, _ message: String) async throws {
        let package = try ScaffoldPackage()
        defer { package.remove() }
        let result = try await package.new(["connector", name])
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(try package.files(under: "Connectors").isEmpty)
    }

    @Test func refusesBadActionIDsAndUnknownConnectors() async throws {
        let package = try ScaffoldPackage()
        defer { package.remove() }
        let badID = try await package.new(["connector", "Orbit", "--action", "CreateContact"])
        #expect(badID.stderr == "error: action id 'CreateContact' must be snake_case: lower-case ASCII letters and digits in words joined by '_', starting with a letter (e.g. 'create_contact')\n")
        let reserved = try await package.new(["connector", "Orbit", "--action", "action"])
        #expect(reserved.stderr.contains("gives the type name 'Action', which ConnectorKit already uses"))
        let unknown = try await package.new(["action", "Nope", "create_thing"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: found no Connectors/Nope/NopeConnector.swift; run this in the package root or give --package-path\n")
        #expect(try package.files(under: "Connectors").isEmpty)
    }

    @Test func saysWhichAnchorIsMissingAndWritesNothing() async throws {
        let package = try ScaffoldPackage()
        defer { package.remove() }
        let manifest = try package.read("Package.swift").replacing(#"path: "Connectors/"#, with: #"path: "Elsewhere/"#)
        try manifest.write(to: package.root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let result = try await package.new(["connector", "Orbit"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: Package.swift: found no line with '.target(name: \"' and 'path: \"Connectors/' to add the connector target after; add this line by hand:\n"))
        #expect(try package.files(under: "Connectors").isEmpty)
        #expect(try package.read("Package.swift") == manifest)
    }
}
