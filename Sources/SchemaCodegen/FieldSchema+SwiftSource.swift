import ConnectorKit

/// Swift source text that rebuilds a field schema with ``FieldSchema/init(name:type:optional:nullable:label:hint:format:controlType:properties:additionalProperties:of:pickList:defaultValue:requiredGroup:)``.
extension FieldSchema {
    /// The initializer call, indented for nesting at `indent` levels (4 spaces each). Every
    /// property that differs from the initializer's default is written, in parameter order.
    /// A field without nested schemas or values fits on one line; otherwise one argument per line.
    func swiftSource(indent: Int, jsonHelper: String) -> String {
        var arguments = ["name: \(SwiftLiteral.string(name))", "type: \(type.swiftSource)"]
        if optional { arguments.append("optional: true") }
        if nullable { arguments.append("nullable: true") }
        if let label { arguments.append("label: \(SwiftLiteral.string(label))") }
        if let hint { arguments.append("hint: \(SwiftLiteral.string(hint))") }
        if let format { arguments.append("format: \(format.swiftSource)") }
        if let controlType { arguments.append("controlType: \(SwiftLiteral.string(controlType))") }
        var nested = false
        let inner = indent + 1
        if let properties {
            nested = nested || !properties.isEmpty
            arguments.append("properties: " + Self.list(properties.map { $0.swiftSource(indent: inner + 1, jsonHelper: jsonHelper) }, indent: inner))
        }
        if let additionalProperties {
            nested = true
            arguments.append("additionalProperties: " + additionalProperties.value.swiftSource(indent: inner, jsonHelper: jsonHelper))
        }
        if let of {
            nested = true
            arguments.append("of: " + of.value.swiftSource(indent: inner, jsonHelper: jsonHelper))
        }
        if let pickList {
            nested = nested || !pickList.isEmpty
            arguments.append("pickList: " + Self.list(pickList.map { $0.swiftSource(jsonHelper: jsonHelper) }, indent: inner))
        }
        if let defaultValue {
            nested = true
            arguments.append("defaultValue: " + defaultValue.swiftSource(jsonHelper: jsonHelper))
        }
        if let requiredGroup { arguments.append("requiredGroup: \(SwiftLiteral.string(requiredGroup))") }
        guard nested else { return "FieldSchema(" + arguments.joined(separator: ", ") + ")" }
        let argumentIndent = SwiftSourceText.indentation(inner)
        return "FieldSchema(\n"
            + arguments.map { argumentIndent + $0 }.joined(separator: ",\n")
            + "\n" + SwiftSourceText.indentation(indent) + ")"
    }

    /// `[]`, or an array literal with one element per line at `indent + 1`.
    private static func list(_ elements: [String], indent: Int) -> String {
        guard !elements.isEmpty else { return "[]" }
        let elementIndent = SwiftSourceText.indentation(indent + 1)
        return "[\n" + elements.map { elementIndent + $0 + ",\n" }.joined() + SwiftSourceText.indentation(indent) + "]"
    }
}

extension FieldType {
    /// The case as Swift source, e.g. `.dateTime`.
    var swiftSource: String {
        switch self {
        case .string: ".string"
        case .integer: ".integer"
        case .number: ".number"
        case .boolean: ".boolean"
        case .date: ".date"
        case .dateTime: ".dateTime"
        case .object: ".object"
        case .array: ".array"
        case .any: ".any"
        }
    }
}

extension FieldFormat {
    /// A named constant (`.email`) when there is one, otherwise `FieldFormat(rawValue: "...")`.
    var swiftSource: String {
        switch self {
        case .email: ".email"
        case .phone: ".phone"
        case .uri: ".uri"
        case .uuid: ".uuid"
        case .time: ".time"
        default: "FieldFormat(rawValue: \(SwiftLiteral.string(rawValue)))"
        }
    }
}

extension JSONValue {
    /// Swift source for the value: an enum case for `null`, booleans, `Int64` integers and
    /// strings; a call of `jsonHelper` on the JSON text for numbers beyond `Int64` or with a
    /// fraction (only the parser keeps their exact digits), arrays and objects.
    func swiftSource(jsonHelper: String) -> String {
        switch self {
        case .null: ".null"
        case .bool(let flag): ".bool(\(flag))"
        case .integer(let integer): ".integer(\(integer))"
        case .string(let text): ".string(\(SwiftLiteral.string(text)))"
        case .number, .array, .object:
            "\(jsonHelper)(\(SwiftLiteral.rawString(serialized()) ?? SwiftLiteral.string(serialized())))"
        }
    }
}
