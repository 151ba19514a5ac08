/// A JSON description of a connector (`hookline connectors describe --json`).
extension Connector {
    /// Id, version, name, auth schemes, base URLs, triggers and actions with their fields
    /// (as Workato-style field lists).
    public var descriptionJSON: JSONValue {
        var object = JSONObject()
        object["id"] = .string(versionedID)
        object["name"] = .string(name)
        if !summary.isEmpty { object["summary"] = .string(summary) }
        object["auth"] = .array(connection.auth.map { scheme in
            ["scheme": .string(scheme.name), "fields": .array(scheme.credentialFields.map { .string($0.name) })]
        })
        if connection.requiresBaseURL {
            object["baseURLRequired"] = true
        } else {
            object["baseURL"] = .string(connection.baseURL)
        }
        if !connection.regions.isEmpty {
            object["regions"] = .object(JSONObject(connection.regions.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        }
        object["triggers"] = .array(triggers.map { trigger in
            var entry = JSONObject()
            entry["id"] = .string(trigger.id)
            entry["name"] = .string(trigger.name)
            if !trigger.summary.isEmpty { entry["summary"] = .string(trigger.summary) }
            entry["options"] = FieldSchema.fieldList(trigger.optionFields)
            entry["output"] = FieldSchema.fieldList(trigger.outputSchema.properties ?? [])
            return .object(entry)
        })
        object["actions"] = .array(actions.map { action in
            var entry = JSONObject()
            entry["id"] = .string(action.id)
            entry["name"] = .string(action.name)
            if !action.summary.isEmpty { entry["summary"] = .string(action.summary) }
            entry["input"] = FieldSchema.fieldList(action.inputFields)
            entry["output"] = FieldSchema.fieldList(action.outputFields)
            if let batching = action.batching {
                entry["batching"] = ["maxItems": .integer(Int64(batching.maxItems)), "maxBodyBytes": .integer(Int64(batching.maxBodyBytes))]
            }
            return .object(entry)
        })
        return .object(object)
    }
}
