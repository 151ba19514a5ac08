/// Reading Workato-style field lists back into ``FieldSchema`` values.
extension FieldSchema {
    static let fieldListKeys = [
        "name", "label", "type", "of", "properties", "optional", "nullable", "control_type", "format", "hint",
        "pick_list", "default", "required_group", "values", "item", "sticky",
    ]

    /// Reads a field list (a JSON array of field objects).
    /// - Throws: ``DiagnosticsError`` with every problem found, each with its JSON Pointer.
    public static func fields(fromFieldList list: JSONValue) throws(DiagnosticsError) -> [FieldSchema] {
        var diagnostics: [Diagnostic] = []
        let fields = readList(list, at: "", into: &diagnostics)
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return fields
    }

    static func readList(_ list: JSONValue, at location: String, into diagnostics: inout [Diagnostic]) -> [FieldSchema] {
        guard let entries = list.arrayValue else {
            diagnostics.append(Diagnostic(.error, "expected an array of fields, found \(list.typeName)", at: location))
            return []
        }
        return entries.enumerated().map { readEntry($1, at: "\(location)/\($0)", into: &diagnostics) }
    }

    static func readEntry(_ value: JSONValue, at location: String, into diagnostics: inout [Diagnostic]) -> FieldSchema {
        var field = FieldSchema(name: "", type: .string)
        guard let entry = value.objectValue else {
            diagnostics.append(Diagnostic(.error, "expected a field object, found \(value.typeName)", at: location))
            return field
        }
        for key in entry.keys where !fieldListKeys.contains(key) {
            diagnostics.append(Diagnostic(.error, "unknown key '\(key)'", at: "\(location)/\(key)",
                                          hint: Suggestion.closest(to: key, in: fieldListKeys).map { "did you mean '\($0)'?" }))
        }
        func string(_ key: String) -> String? {
            guard let value = entry[key] else { return nil }
            if let text = value.stringValue { return text }
            diagnostics.append(Diagnostic(.error, "'\(key)' must be a string, found \(value.typeName)", at: "\(location)/\(key)"))
            return nil
        }
        func flag(_ key: String) -> Bool {
            guard let value = entry[key] else { return false }
            if case .bool(let flag) = value { return flag }
            diagnostics.append(Diagnostic(.error, "'\(key)' must be true or false, found \(value.typeName)", at: "\(location)/\(key)"))
            return false
        }
        if let name = string("name") { field.name = name } else if entry["name"] == nil {
            diagnostics.append(Diagnostic(.error, "a field needs a 'name'", at: location))
        }
        field.label = string("label")
        if let typeName = string("type") {
            if let type = FieldType(rawValue: typeName) { field.type = type } else {
                diagnostics.append(Diagnostic(.error, "unknown type '\(typeName)'", at: "\(location)/type",
                                              hint: "use one of \(FieldType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        field.optional = flag("optional")
        field.nullable = flag("nullable")
        field.hint = string("hint")
        field.requiredGroup = string("required_group")
        field.defaultValue = entry["default"]
        let control = string("control_type")
        if let format = entry["format"] {
            if format.isNull { field.format = nil } else if let name = format.stringValue { field.format = FieldFormat(rawValue: name) } else {
                diagnostics.append(Diagnostic(.error, "'format' must be a string or null", at: "\(location)/format"))
            }
        } else {
            field.format = impliedFormat(ofControlType: control)
        }
        field.controlType = control == impliedControlType(of: field.format) ? nil : control
        if let pickList = entry["pick_list"] {
            field.pickList = readPickList(pickList, at: "\(location)/pick_list", into: &diagnostics)
        }
        let properties = entry["properties"].map { readList($0, at: "\(location)/properties", into: &diagnostics) }
        if let item = entry["item"] {
            field.of = Box(readEntry(item, at: "\(location)/item", into: &diagnostics))
        } else if let ofName = string("of") {
            guard let itemType = FieldType(rawValue: ofName) else {
                diagnostics.append(Diagnostic(.error, "unknown item type '\(ofName)'", at: "\(location)/of"))
                return field
            }
            var item = FieldSchema(name: "", type: itemType)
            if itemType == .object { item.properties = properties ?? [] }
            field.of = Box(item)
        }
        if field.type == .object || (field.of == nil && properties != nil) { field.properties = properties }
        if let values = entry["values"] {
            field.additionalProperties = Box(readEntry(values, at: "\(location)/values", into: &diagnostics))
        }
        return field
    }

    private static func readPickList(_ value: JSONValue, at location: String, into diagnostics: inout [Diagnostic]) -> [JSONValue]? {
        guard let entries = value.arrayValue else {
            diagnostics.append(Diagnostic(.error, "'pick_list' must be an array", at: location))
            return nil
        }
        return entries.map { entry in
            // Workato's [label, value] pairs, or plain values.
            if let pair = entry.arrayValue, pair.count == 2, pair[0].stringValue != nil { return pair[1] }
            return entry
        }
    }
}
