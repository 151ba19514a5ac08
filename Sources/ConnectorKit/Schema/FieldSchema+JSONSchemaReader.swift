/// Reading JSON Schema 2020-12 back into ``FieldSchema`` values: the inverse of
/// ``FieldSchema/jsonSchema()`` for every schema it writes, plus the spellings other tools use
/// for the same things (`"type": ["null", "string"]`, `format: date-time` on a string).
extension FieldSchema {
    static let supportedKeywords: Set<String> = [
        "$schema", "title", "description", "type", "format", "pattern", "enum", "default", "properties", "required",
        "additionalProperties", "items", "anyOf", "allOf", "x-control-type", "x-required-group", "x-nullable",
    ]

    /// Reads a JSON Schema document (or fragment) as a field named `name`.
    /// - Throws: ``DiagnosticsError`` listing every unsupported or malformed keyword with its JSON Pointer.
    public init(jsonSchema: JSONValue, name: String = "") throws(DiagnosticsError) {
        var diagnostics: [Diagnostic] = []
        self = Self.read(jsonSchema, name: name, at: "", into: &diagnostics)
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
    }

    static func read(_ value: JSONValue, name: String, at location: String, into diagnostics: inout [Diagnostic]) -> FieldSchema {
        var field = FieldSchema(name: name, type: .any)
        if case .bool(true) = value { return field }
        guard let schema = value.objectValue else {
            diagnostics.append(Diagnostic(.error, "expected a schema object, found \(value.typeName)", at: location))
            return field
        }
        for key in schema.keys where !supportedKeywords.contains(key) {
            diagnostics.append(Diagnostic(
                .error, "unsupported keyword '\(key)'", at: "\(location)/\(JSONPath.pointerToken(key))",
                hint: Suggestion.closest(to: key, in: supportedKeywords.sorted()).map { "did you mean '\($0)'?" }
                    ?? "field schemas support \(supportedKeywords.sorted().joined(separator: ", "))"))
        }
        func string(_ key: String) -> String? {
            guard let value = schema[key] else { return nil }
            if let text = value.stringValue { return text }
            diagnostics.append(Diagnostic(.error, "'\(key)' must be a string", at: "\(location)/\(key)"))
            return nil
        }
        field.label = string("title")
        field.hint = string("description")
        field.controlType = string("x-control-type")
        field.requiredGroup = string("x-required-group")
        field.defaultValue = schema["default"]
        readType(schema["type"], into: &field, at: "\(location)/type", diagnostics: &diagnostics)
        if case .bool(true) = schema["x-nullable"] { field.nullable = true }
        if let format = string("format") {
            switch (field.type, format) {
            case (.string, "date"): field.type = .date
            case (.string, "date-time"): field.type = .dateTime
            default: field.format = FieldFormat(rawValue: format)
            }
        }
        if let pattern = string("pattern"), !(field.format == .phone && pattern == phonePattern) {
            diagnostics.append(Diagnostic(.error, "unsupported 'pattern'", at: "\(location)/pattern", hint: "use a format instead (email, phone, uri, uuid, ...)"))
        }
        if let values = schema["enum"] {
            if var list = values.arrayValue {
                if field.nullable, list.last == .null { list.removeLast() }
                field.pickList = list
            } else {
                diagnostics.append(Diagnostic(.error, "'enum' must be an array", at: "\(location)/enum"))
            }
        }
        if let properties = schema["properties"] {
            if let members = properties.objectValue {
                field.properties = members.map { key, member in
                    read(member, name: key, at: "\(location)/properties/\(JSONPath.pointerToken(key))", into: &diagnostics)
                }
            } else {
                diagnostics.append(Diagnostic(.error, "'properties' must be an object", at: "\(location)/properties"))
            }
        }
        readRequired(schema["required"], into: &field, at: "\(location)/required", diagnostics: &diagnostics)
        if let values = schema["additionalProperties"] {
            field.additionalProperties = Box(read(values, name: "", at: "\(location)/additionalProperties", into: &diagnostics))
        }
        if let items = schema["items"] {
            field.of = Box(read(items, name: "", at: "\(location)/items", into: &diagnostics))
        }
        checkRequiredGroups(schema, field: field, at: location, diagnostics: &diagnostics)
        return field
    }

    private static func readType(_ value: JSONValue?, into field: inout FieldSchema, at location: String, diagnostics: inout [Diagnostic]) {
        guard let value else { return }
        var names: [String] = []
        switch value {
        case .string(let name): names = [name]
        case .array(let list) where list.allSatisfy { $0.stringValue != nil }: names = list.compactMap(\.stringValue)
        default:
            diagnostics.append(Diagnostic(.error, "'type' must be a type name or an array of them", at: location))
            return
        }
        if names.contains("null") {
            field.nullable = true
            names.removeAll { $0 == "null" }
        }
        guard names.count == 1, let type = FieldType(rawValue: names[0]), ![.date, .dateTime, .any].contains(type) else {
            if !names.isEmpty {
                diagnostics.append(Diagnostic(.error, "unsupported type \(names.joined(separator: " | "))", at: location,
                                              hint: "a field has one of string, integer, number, boolean, object, array, optionally with null"))
            }
            return
        }
        field.type = type
    }

    private static func readRequired(_ value: JSONValue?, into field: inout FieldSchema, at location: String, diagnostics: inout [Diagnostic]) {
        let required: [String]
        if let value {
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                diagnostics.append(Diagnostic(.error, "'required' must be an array of member names", at: location))
                return
            }
            required = list.compactMap(\.stringValue)
        } else {
            required = []
        }
        guard var properties = field.properties else {
            if !required.isEmpty { diagnostics.append(Diagnostic(.error, "'required' without 'properties'", at: location)) }
            return
        }
        for name in required where !properties.contains(where: { $0.name == name }) {
            diagnostics.append(Diagnostic(.error, "required member '\(name)' is not among the properties", at: location))
        }
        for index in properties.indices { properties[index].optional = !required.contains(properties[index].name) }
        field.properties = properties
    }

    /// `anyOf`/`allOf` must be exactly what the properties' `x-required-group`s produce.
    private static func checkRequiredGroups(_ schema: JSONObject, field: FieldSchema, at location: String, diagnostics: inout [Diagnostic]) {
        let groups = field.requiredGroups
        let expectedAnyOf: JSONValue? = groups.count == 1 ? groups[0].constraint : .none
        let expectedAllOf: JSONValue? = groups.count > 1 ? .array(groups.map { ["anyOf": $0.constraint] }) : .none
        if schema["anyOf"] != expectedAnyOf {
            diagnostics.append(Diagnostic(.error, "unsupported 'anyOf'", at: "\(location)/anyOf",
                                          hint: "mark the members of an at-least-one-of group with x-required-group"))
        }
        if schema["allOf"] != expectedAllOf {
            diagnostics.append(Diagnostic(.error, "unsupported 'allOf'", at: "\(location)/allOf",
                                          hint: "mark the members of an at-least-one-of group with x-required-group"))
        }
    }
}
