import ConnectorKit

/// A connector described for people: auth, base URLs, triggers and actions with field tables.
enum ConnectorDescriptionText {
    static func render(_ connector: any Connector) -> String {
        var text = "\(connector.versionedID)  \(connector.name)\n"
        if !connector.summary.isEmpty { text += connector.summary + "\n" }
        text += "\nAuth: " + connector.connection.auth.map { scheme in
            let fields = scheme.credentialFields.map(\.name)
            return fields.isEmpty ? scheme.name : "\(scheme.name) (\(fields.joined(separator: ", ")))"
        }.joined(separator: " | ") + "\n"
        text += "Base URL: \(connector.connection.baseURL)"
        for (name, url) in connector.connection.regions.sorted(by: { $0.key < $1.key }) { text += ", \(name): \(url)" }
        text += "\n"
        if !connector.triggers.isEmpty {
            text += "\nTriggers\n"
            for trigger in connector.triggers {
                text += "\n  \(trigger.id) — \(trigger.name)\(trigger.summary.isEmpty ? "" : ": " + trigger.summary)\n"
                if !trigger.optionFields.isEmpty { text += "    options:\n" + fieldTable(trigger.optionFields, indent: 6) }
                text += "    event:\n" + fieldTable(trigger.outputSchema.properties ?? [], indent: 6)
            }
        }
        text += "\nActions\n"
        for action in connector.actions {
            text += "\n  \(action.id) — \(action.name)\(action.summary.isEmpty ? "" : ": " + action.summary)\n"
            text += "    input:\n" + fieldTable(action.inputFields, indent: 6)
            if !action.outputFields.isEmpty { text += "    output:\n" + fieldTable(action.outputFields, indent: 6) }
            if let batching = action.batching {
                text += "    batched: ≤ \(batching.maxItems) items, ≤ \(batching.maxBodyBytes) bytes per request\n"
            }
        }
        return text
    }

    /// One row per field (nested fields indented by their path): name, type, required, notes.
    static func fieldTable(_ fields: [FieldSchema], indent: Int) -> String {
        var rows: [[String]] = []
        func add(_ fields: [FieldSchema], prefix: String) {
            for field in fields {
                var type = field.type.rawValue
                if let item = field.of?.value { type += "<\(item.type.rawValue)>" }
                if field.nullable { type += "?" }
                var notes: [String] = []
                if let format = field.format { notes.append(format.rawValue) }
                if let group = field.requiredGroup { notes.append("one of group '\(group)' required") }
                if let pickList = field.pickList { notes.append("one of " + pickList.map { $0.serialized() }.joined(separator: ", ")) }
                if let hint = field.hint { notes.append(hint) }
                rows.append([prefix + field.name, type, field.optional ? "optional" : "required", notes.joined(separator: "; ")])
                if let properties = field.properties { add(properties, prefix: prefix + field.name + ".") }
                if let item = field.of?.value, let properties = item.properties { add(properties, prefix: prefix + field.name + "[].") }
            }
        }
        add(fields, prefix: "")
        guard !rows.isEmpty else { return String(repeating: " ", count: indent) + "(none)\n" }
        let pad = String(repeating: " ", count: indent)
        return TextTable.render(rows).split(separator: "\n").map { pad + $0 }.joined(separator: "\n") + "\n"
    }
}
