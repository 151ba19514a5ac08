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
        if let format, let text = value.stringValue, !FormatClassifier.matches(text, format),
           [FieldFormat.email, .phone, .uri, .uuid, .time].contains(format)
        {
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
        for (name, constraint) in requiredGroups {
            let members = (constraint.arrayValue ?? []).compactMap { $0["required"]?.arrayValue?.first?.stringValue }
            if !members.contains(where: { object[$0] != nil }) {
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

    private func matchesType(_ value: JSONValue) -> Bool {
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
