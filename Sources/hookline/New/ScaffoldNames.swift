/// The names a scaffolded connector or action is known by, derived from what the author typed
/// and checked before anything is written.
struct ConnectorNames: Equatable {
    /// `AcmeCrm`: the folder under `Connectors/` and the prefix of every type.
    let base: String
    /// `acmecrm`: the connector id and the folder under `Schemas/` (the codegen plugin lowercases
    /// the target name to find it).
    var id: String { base.lowercased() }
    var connectorType: String { base + "Connector" }
    var target: String { base + "Connector" }
    var testTarget: String { base + "ConnectorTests" }
    var schemasType: String { base + "Schemas" }
    var triggerType: String { base + "Webhook" }
    var testConnectionType: String { base + "TestConnection" }

    /// Checks `name` (`Acme`, `AcmeCrm`).
    /// - Throws: ``ScaffoldError`` saying what is wrong and what to type instead.
    init(_ name: String) throws(ScaffoldError) {
        let suggestion = ScaffoldNaming.upperCamel(name)
        let hint = suggestion.map { " (e.g. '\($0)')" } ?? " (e.g. 'Acme' or 'AcmeCrm')"
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first) else {
            throw ScaffoldError("connector name '\(name)' must start with an upper-case ASCII letter: it names the Swift module \(name.isEmpty ? "" : "and types ")of the connector" + hint)
        }
        guard name.unicodeScalars.allSatisfy(ScaffoldNaming.isASCIILetterOrDigit) else {
            throw ScaffoldError("connector name '\(name)' may hold only ASCII letters and digits, written UpperCamelCase" + hint)
        }
        guard name.count <= 40 else {
            throw ScaffoldError("connector name '\(name)' is \(name.count) characters long; use at most 40")
        }
        for suffix in ["Connector", "Schemas", "Tests"] where name.hasSuffix(suffix) && name != suffix {
            throw ScaffoldError("connector name '\(name)' ends in '\(suffix)', which the scaffold adds itself: use '\(name.dropLast(suffix.count))'")
        }
        if ScaffoldNaming.reserved.contains(name) {
            throw ScaffoldError("connector name '\(name)' would clash with a ConnectorKit or package name; choose another (e.g. '\(name)App')")
        }
        base = name
    }
}

/// The names of one action, derived from its `snake_case` id.
struct ActionNames: Equatable {
    /// `create_contact`.
    let id: String
    /// `CreateContact`: the type and its file name.
    var type: String { ScaffoldNaming.upperCamel(id) ?? id }
    /// `create-contact`: its folder of sample inputs under `Schemas/<connector>/`.
    var schemaFolder: String { id.replacing("_", with: "-") }
    /// `createContactSamples`: the samples the codegen plugin generates from that folder.
    var samplesMember: String { (ScaffoldNaming.lowerCamel(id) ?? id) + "Samples" }
    var testType: String { type + "Tests" }

    /// Checks `id` (`create_contact`).
    /// - Throws: ``ScaffoldError`` saying what is wrong and what to type instead.
    init(_ id: String) throws(ScaffoldError) {
        let words = id.split(separator: "_", omittingEmptySubsequences: false)
        let valid = !words.isEmpty && words.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(ScaffoldNaming.isLowerLetterOrDigit) }
            && id.unicodeScalars.first.map { ("a"..."z").contains($0) } == true
        guard valid else {
            let suggestion = ScaffoldNaming.snakeCase(id)
            throw ScaffoldError("action id '\(id)' must be snake_case: lower-case ASCII letters and digits in words joined by '_', starting with a letter"
                + (suggestion.map { " (e.g. '\($0)')" } ?? " (e.g. 'create_contact')"))
        }
        guard id.count <= 60 else { throw ScaffoldError("action id '\(id)' is \(id.count) characters long; use at most 60") }
        self.id = id
        if ScaffoldNaming.reserved.contains(type) {
            throw ScaffoldError("action id '\(id)' gives the type name '\(type)', which ConnectorKit already uses; choose a more specific id (e.g. '\(id)_item')")
        }
    }
}

/// Case conversions and the names a scaffold must not take.
enum ScaffoldNaming {
    /// Types of ConnectorKit, ConnectorTesting and Swift that a connector module sees.
    static let reserved: Set<String> = [
        "Action", "ActionContext", "Batching", "Connection", "ConnectionSpec", "ConnectionTest", "Connector", "ConnectorError",
        "ConnectorKit", "ConnectorRegistry", "ConnectorTesting", "ConnectorTestKit", "ConnectorConformance", "FieldSchema",
        "FieldType", "FieldFormat", "HTTPMethod", "HTTPRequest", "HTTPResponse", "HTTPTransport", "JSONValue", "JSONObject",
        "JSONParser", "RequestURL", "Secret", "Trigger", "Redaction", "AuthScheme", "LoopbackServer", "CannedResponse",
        "RecordedRequest", "SchemaSamples", "Hookline", "HooklineConnectors", "HooklineHTTP", "HooklineRuntime", "Testing",
        "Foundation", "Swift", "String", "Int", "Bool", "Double", "Array", "Dictionary", "Error", "Result", "Task", "Type",
        "Self", "Any", "Protocol", "Iterable", "Regal", "Cloutly", "Webhook",
    ]

    static func isASCIILetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static func isLowerLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// ASCII words of `text`, split at anything not a letter or digit and at lower-to-upper steps.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for scalar in text.unicodeScalars {
            guard isASCIILetterOrDigit(scalar) else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            let upper = ("A"..."Z").contains(scalar)
            if upper, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasLower = !upper
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `acme-crm` → `AcmeCrm`; `nil` when no word is left or it would start with a digit.
    static func upperCamel(_ text: String) -> String? {
        let result = words(text).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        guard let first = result.unicodeScalars.first, ("A"..."Z").contains(first) else { return nil }
        return result
    }

    /// `create_contact` → `createContact`.
    static func lowerCamel(_ text: String) -> String? {
        guard let upper = upperCamel(text) else { return nil }
        return upper.prefix(1).lowercased() + upper.dropFirst()
    }

    /// `CreateContact` or `create-contact` → `create_contact`.
    static func snakeCase(_ text: String) -> String? {
        let result = words(text).map { $0.lowercased() }.joined(separator: "_")
        guard let first = result.unicodeScalars.first, ("a"..."z").contains(first) else { return nil }
        return result
    }
}

/// A scaffold refused: the message says what is wrong and how to fix it.
struct ScaffoldError: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ScaffoldNaming {
    /// `create_contact` → `Create contact`.
    static func sentence(_ id: String) -> String {
        let spaced = id.replacing("_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
