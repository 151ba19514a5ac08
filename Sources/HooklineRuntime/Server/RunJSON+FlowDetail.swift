import ConnectorKit

extension RunJSON {
    /// A flow with what the run-log page's flow view shows (`GET /api/flows/{id}`): the
    /// trigger's event fields and each step's action, input fields and mapping as written,
    /// every string in it with `secrets` redacted. Fields are Workato-style field lists
    /// (`name`, `type`, `optional`, `properties`, `of`, ...): a field without `optional` is required.
    /// `skipped`: what the flow's filter skipped since the runner started (count, last time and reason).
    public static func flowDetail(_ flow: Flow, secrets: [Secret], skipped: SkippedEvents.Summary? = nil) -> JSONValue {
        guard case .object(var object) = self.flow(flow) else { return self.flow(flow) }
        var trigger = object["trigger"]?.objectValue ?? JSONObject()
        trigger["name"] = .string(flow.trigger.name)
        if !flow.trigger.summary.isEmpty { trigger["summary"] = .string(flow.trigger.summary) }
        trigger["options"] = redacted(flow.options, secrets: secrets)
        trigger["fields"] = FieldSchema.fieldList(flow.source.schema.properties ?? [])
        trigger["schemaOrigin"] = .string(flow.source.origin)
        trigger["schemaIsOpen"] = .bool(flow.source.isOpen)
        trigger["skipped"] = ["count": .integer(Int64(skipped?.count ?? 0)), "lastAt": skipped.map { .string(timestamp($0.lastAt)) } ?? .null,
                              "lastReason": skipped.map { .string($0.lastReason) } ?? .null]
        object["trigger"] = .object(trigger)
        object["steps"] = .array(flow.steps.map { step in
            var entry = JSONObject()
            entry["id"] = .string(step.id)
            entry["connector"] = .string(step.connector.versionedID)
            entry["action"] = .string(step.action.id)
            entry["actionName"] = .string(step.action.name)
            if !step.action.summary.isEmpty { entry["summary"] = .string(step.action.summary) }
            entry["connection"] = .string(step.connection.name)
            entry["maxAttempts"] = .integer(Int64(step.retry.maxAttempts))
            if let condition = step.condition { entry["condition"] = .string(Redaction.redact(condition.source, secrets: secrets)) }
            if step.merge { entry["merge"] = true }
            entry["mapping"] = redacted(step.mappingSource, secrets: secrets)
            entry["inputFields"] = FieldSchema.fieldList(step.action.inputFields)
            return .object(entry)
        })
        return .object(object)
    }

    /// `value` with every secret removed from its strings.
    static func redacted(_ value: JSONValue, secrets: [Secret]) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(Redaction.redact(text, secrets: secrets))
        case .array(let elements):
            return .array(elements.map { redacted($0, secrets: secrets) })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, redacted($0.value, secrets: secrets)) }))
        default:
            return value
        }
    }
}
