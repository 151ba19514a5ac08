import Foundation

/// Registers a new connector in the package: its target and test target in `Package.swift`,
/// and its connector in `Sources/HooklineConnectors/BuiltInConnectors.swift`.
enum PackageRegistration {
    static let manifestFile = "Package.swift"
    static let registryFile = "Sources/HooklineConnectors/BuiltInConnectors.swift"

    /// `Package.swift` with the connector's target after the last built-in connector target, its
    /// test target after the last connector test target, and the target among HooklineConnectors'
    /// dependencies.
    static func manifest(_ text: String, adding names: ConnectorNames) throws(ScaffoldError) -> String {
        for name in [names.target, names.testTarget] where text.contains("name: \"\(name)\"") {
            throw ScaffoldError("\(manifestFile) already declares a target named '\(name)'; choose another connector name")
        }
        var text = try SourceEditing.insertingLine(
            ".target(name: \"\(names.target)\", dependencies: [\"ConnectorKit\"], path: \"Connectors/\(names.base)\", plugins: [\"SchemaCodegenPlugin\"]),",
            afterLastLineContaining: [".target(name: \"", "path: \"Connectors/"], in: text, file: manifestFile, what: "the connector target")
        text = try SourceEditing.insertingLine(
            ".testTarget(name: \"\(names.testTarget)\", dependencies: [\"\(names.target)\", \"ConnectorTesting\"]),",
            afterLastLineContaining: [".testTarget(name: \"", "ConnectorTests\""], in: text, file: manifestFile, what: "the test target")
        // The target (not the product of the same name): `.target(` right before its name.
        let registryTarget = text.ranges(of: "name: \"HooklineConnectors\"").first { range in
            text[..<range.lowerBound].trimmingSuffixWhitespace.hasSuffix(".target(")
        }
        guard let registry = registryTarget else {
            throw ScaffoldError("\(manifestFile): found no target named 'HooklineConnectors' to add \"\(names.target)\" to its dependencies; add it by hand")
        }
        let head = String(text[..<registry.lowerBound])
        let tail = try SourceEditing.appendingToArray(in: String(text[registry.lowerBound...]), after: "dependencies:",
                                                      element: "\"\(names.target)\"", file: manifestFile)
        return head + tail
    }

    /// `BuiltInConnectors.swift` with the connector's module imported and an instance in `all`.
    static func registry(_ text: String, adding names: ConnectorNames) throws(ScaffoldError) -> String {
        if text.contains("\(names.connectorType)()") {
            throw ScaffoldError("\(registryFile) already lists \(names.connectorType)()")
        }
        let edited = try SourceEditing.appendingToArray(in: text, after: "static var all: [any Connector]",
                                                        element: "\(names.connectorType)()", file: registryFile)
        return SourceEditing.addingImport(names.target, to: edited)
    }

    /// A connector source with `Action()` added to its `actions` list.
    static func actions(_ text: String, adding action: ActionNames, file: String) throws(ScaffoldError) -> String {
        if text.contains("\(action.type)()") {
            throw ScaffoldError("\(file) already lists \(action.type)() among its actions")
        }
        return try SourceEditing.appendingToArray(in: text, after: "var actions: [any Action]", element: "\(action.type)()", file: file)
    }
}
