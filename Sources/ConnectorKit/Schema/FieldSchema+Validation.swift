/// Checking a value against a field schema.
extension FieldSchema {
    /// Every way `value` breaks this schema, each with its JSON Pointer (`path` is the prefix).
    /// Empty when the value is valid.
    public func validate(_ value: JSONValue, at path: String = "") -> [Diagnostic] {
        var problems: [Diagnostic] = []
        check(value, at: path, into: &problems)
        return problems
    }

    private func check(_ value: JSONValue, at path: String, into problems: inout [Diagnostic]) {
        if value.isNull {
            if !nullable, type != .any { problems.append(Diagnostic(.error, "expected \(expectation), found null", at: path)) }
            return
        }
        guard matchesType(value) else {
            problems.append(Diagnostic(.error, "expected \(expectation), found \(describe(value))", at: path))
            return
        }
        if let format, Self.isCheckedFormat(format), let text = value.stringValue, !FormatClassifier.matches(text, format) {
            problems.append(Diagnostic(.error, "expected \(format.rawValue) format, found \(describe(value))", at: path))
        }
        if let pickList, !pickList.contains(value) {
            let allowed = pickList.prefix(10).map { $0.serialized() }.joined(separator: ", ")
            problems.append(Diagnostic(.error, "\(describe(value)) is not one of the allowed values", at: path, hint: "allowed: \(allowed)"))
        }
        switch value {
        case .object(let object):
            checkMembers(object, at: path, into: &problems)
        case .array(let elements):
            if let item = of?.value {
                for (index, element) in elements.enumerated() { item.check(element, at: "\(path)/\(index)", into: &problems) }
            }
        default:
            break
        }
    }

    private func checkMembers(_ object: JSONObject, at path: String, into problems: inout [Diagnostic]) {
        for property in properties ?? [] {
            if let member = object[property.name] {
                property.check(member, at: "\(path)/\(JSONPath.pointerToken(property.name))", into: &problems)
            } else if !property.optional {
                problems.append(Diagnostic(.error, "missing required member '\(property.name)'", at: path))
            }
        }
        if let properties, properties.contains(where: { $0.requiredGroup != nil }) {
            for (name, members) in Self.requiredGroupMembers(properties) where !members.contains(where: { object[$0] != nil }) {
                problems.append(Diagnostic(.error, "needs at least one of \(members.joined(separator: ", ")) (group '\(name)')", at: path))
            }
        }
        if let values = additionalProperties?.value {
            let known = Set((properties ?? []).map(\.name))
            for (key, member) in object where !known.contains(key) {
                values.check(member, at: "\(path)/\(JSONPath.pointerToken(key))", into: &problems)
            }
        }
    }

    /// The formats a value is checked against (the others describe values, they do not restrict them).
    private static func isCheckedFormat(_ format: FieldFormat) -> Bool {
        switch format {
        case .email, .phone, .uri, .uuid, .time: true
        default: false
        }
    }

    /// Each required group's name and member names, in the order the properties declare them.
    private static func requiredGroupMembers(_ properties: [FieldSchema]) -> [(name: String, members: [String])] {
        var groups: [(name: String, members: [String])] = []
        for property in properties {
            guard let group = property.requiredGroup else { continue }
            if let index = groups.firstIndex(where: { $0.name == group }) {
                groups[index].members.append(property.name)
            } else {
                groups.append((group, [property.name]))
            }
        }
        return groups
    }

    func matchesType(_ value: JSONValue) -> Bool {
        switch (type, value) {
        case (.any, _): true
        case (.string, .string), (.boolean, .bool), (.object, .object), (.array, .array): true
        case (.integer, .integer), (.number, .integer), (.number, .number): true
        case (.integer, .number(let number)): number.isIntegral || number.doubleValue.rounded() == number.doubleValue
        case (.date, .string(let text)): FormatClassifier.classify(text).contains(.date)
        case (.dateTime, .string(let text)): FormatClassifier.classify(text).contains(.dateTime)
        default: false
        }
    }

    private var expectation: String {
        switch type {
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "an RFC 3339 date-time"
        case .any: "any value"
        case .integer: "an integer"
        case .object, .array: "an \(type.rawValue)"
        default: "a \(type.rawValue)"
        }
    }

    private func describe(_ value: JSONValue) -> String {
        let text = value.serialized()
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        return "\(value.typeName) \(shown)"
    }
}
