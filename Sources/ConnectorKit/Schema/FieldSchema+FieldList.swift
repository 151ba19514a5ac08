/// Workato-style field lists: `[{name, label, type, of, properties, optional, control_type, hint, ...}]`.
///
/// Workato's own keys come first; Hookline adds `nullable`, `format` (when `control_type` does
/// not imply it), `pick_list` as `[label, value]` pairs, `default`, `required_group`, `values`
/// (a map's value field) and `item` (an array's full item field, when `of` + `properties`
/// cannot say it all). A `controlType` equal to the one its format implies is redundant and
/// reads back as `nil`.
extension FieldSchema {
    /// The control types that imply a format, and back.
    static let controlTypeFormats: [(String, FieldFormat)] = [("email", .email), ("phone", .phone), ("url", .uri)]

    static func impliedFormat(ofControlType controlType: String?) -> FieldFormat? {
        controlTypeFormats.first { $0.0 == controlType }?.1
    }

    static func impliedControlType(of format: FieldFormat?) -> String? {
        controlTypeFormats.first { $0.1 == format }?.0
    }

    /// The field list of `fields`.
    public static func fieldList(_ fields: [FieldSchema]) -> JSONValue {
        .array(fields.map { $0.fieldListEntry() })
    }

    /// Whether an array's item is plain enough for Workato's `of` (+ `properties`) alone.
    var isPlainItem: Bool {
        name.isEmpty && !optional && !nullable && label == nil && hint == nil && format == nil && controlType == nil
            && additionalProperties == nil && of == nil && pickList == nil && defaultValue == nil && requiredGroup == nil
            && type != .any && (type != .object || properties != nil)
    }

    /// This field as one entry of a field list.
    public func fieldListEntry() -> JSONValue {
        var entry = JSONObject()
        entry["name"] = .string(name)
        if let label { entry["label"] = .string(label) }
        entry["type"] = .string(type.rawValue)
        if let item = of?.value {
            entry["of"] = .string(item.type.rawValue)
            if item.isPlainItem, let itemProperties = item.properties {
                entry["properties"] = FieldSchema.fieldList(itemProperties)
            }
        }
        if let properties { entry["properties"] = FieldSchema.fieldList(properties) }
        if optional { entry["optional"] = true }
        if nullable { entry["nullable"] = true }
        let control = controlType ?? Self.impliedControlType(of: format)
        if let control { entry["control_type"] = .string(control) }
        if format != Self.impliedFormat(ofControlType: control) {
            entry["format"] = format.map { .string($0.rawValue) } ?? .null
        }
        if let hint { entry["hint"] = .string(hint) }
        if let pickList {
            entry["pick_list"] = .array(pickList.map { value in
                [.string(value.stringValue ?? value.serialized()), value]
            })
        }
        if let defaultValue { entry["default"] = defaultValue }
        if let requiredGroup { entry["required_group"] = .string(requiredGroup) }
        if let values = additionalProperties?.value { entry["values"] = values.fieldListEntry() }
        if let item = of?.value, !item.isPlainItem { entry["item"] = item.fieldListEntry() }
        return .object(entry)
    }
}
