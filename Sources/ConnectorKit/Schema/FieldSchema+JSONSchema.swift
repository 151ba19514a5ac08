/// JSON Schema draft 2020-12 output.
///
/// Keywords are written in a fixed order: `$schema, title, description, type, format, pattern,
/// enum, default, properties, required, additionalProperties, items, anyOf/allOf`, then the
/// `x-` extensions that keep the round trip lossless (`x-control-type`, `x-required-group`, `x-nullable`).
extension FieldSchema {
    /// The `$schema` URI of draft 2020-12.
    public static let jsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema"
    /// The pattern written beside `format: phone` so validators without the format still check it.
    public static let phonePattern = "^\\+[1-9][0-9]{1,14}$"

    /// A complete JSON Schema document for this field.
    public func jsonSchema() -> JSONValue {
        var document = JSONObject()
        document["$schema"] = .string(Self.jsonSchemaDialect)
        for (key, value) in jsonSchemaFragment().objectValue ?? JSONObject() { document[key] = value }
        return .object(document)
    }

    /// The schema of this field, without `$schema` (as nested in a parent's `properties`).
    public func jsonSchemaFragment() -> JSONValue {
        var schema = JSONObject()
        if let label { schema["title"] = .string(label) }
        if let hint { schema["description"] = .string(hint) }
        if let name = jsonTypeName {
            schema["type"] = nullable ? .array([.string(name), "null"]) : .string(name)
        }
        if let formatName = jsonFormatName { schema["format"] = .string(formatName) }
        if format == .phone { schema["pattern"] = .string(Self.phonePattern) }
        if var values = pickList {
            if nullable, !values.contains(.null) { values.append(.null) }
            schema["enum"] = .array(values)
        }
        if let defaultValue { schema["default"] = defaultValue }
        if let properties {
            schema["properties"] = .object(JSONObject(properties.map { ($0.name, $0.jsonSchemaFragment()) }))
            let required = properties.filter { !$0.optional }.map { JSONValue.string($0.name) }
            if !required.isEmpty { schema["required"] = .array(required) }
        }
        if let additionalProperties { schema["additionalProperties"] = additionalProperties.value.jsonSchemaFragment() }
        if let of { schema["items"] = of.value.jsonSchemaFragment() }
        let groups = requiredGroups
        if groups.count == 1 {
            schema["anyOf"] = groups[0].constraint
        } else if groups.count > 1 {
            schema["allOf"] = .array(groups.map { ["anyOf": $0.constraint] })
        }
        if let controlType { schema["x-control-type"] = .string(controlType) }
        if let requiredGroup { schema["x-required-group"] = .string(requiredGroup) }
        // Without a type, null is already allowed; say "nullable" anyway so it reads back.
        if type == .any, nullable { schema["x-nullable"] = true }
        return .object(schema)
    }

    /// The JSON Schema `type` name, or `nil` for ``FieldType/any``.
    var jsonTypeName: String? {
        switch type {
        case .string, .date, .dateTime: "string"
        case .integer: "integer"
        case .number: "number"
        case .boolean: "boolean"
        case .object: "object"
        case .array: "array"
        case .any: nil
        }
    }

    /// The JSON Schema `format`: the date types' own, else the field's format.
    var jsonFormatName: String? {
        switch type {
        case .date: "date"
        case .dateTime: "date-time"
        default: format?.rawValue
        }
    }

    /// The "at least one of" groups among the properties, in order of first member.
    var requiredGroups: [(name: String, constraint: JSONValue)] {
        var order: [String] = []
        var members: [String: [JSONValue]] = [:]
        for property in properties ?? [] {
            guard let group = property.requiredGroup else { continue }
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(["required": [.string(property.name)]])
        }
        return order.map { ($0, .array(members[$0]!)) }
    }
}
