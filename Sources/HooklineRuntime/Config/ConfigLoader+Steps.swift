import ConnectorKit

extension ConfigLoader {
    static let stepKeys = ["id", "connector", "action", "connection", "mapping", "retry", "timeoutSeconds", "condition", "merge"]
    static let retryKeys = ["attempts", "delaySeconds", "backoff", "multiplier", "maxDelaySeconds", "jitter"]

    /// The steps of a flow; each mapping is checked against the flow's events (plus the
    /// outputs of earlier steps, under `steps.<id>`) and the action's input fields.
    mutating func readSteps(_ values: [JSONValue], at pointer: String, source flowSource: FlowSource,
                            explainUnknownPath: @escaping @Sendable ([String]) -> String?,
                            connections: [String: ConfiguredConnection], settings: RunnerSettings) -> [FlowStep] {
        var steps: [FlowStep] = []
        var eventSchema = flowSource.schema
        var stepOutputs: [FieldSchema] = []
        for (index, value) in values.enumerated() {
            let at = "\(pointer)/\(index)"
            guard let object = reader.object(value, at: at, what: "a step") else { continue }
            reader.rejectUnknownKeys(object, known: Self.stepKeys, at: at, what: "a step")
            guard let reference = reader.requiredString(object, "connector", at: at, what: "a step"),
                  let actionID = reader.requiredString(object, "action", at: at, what: "a step")
            else { continue }
            let found: (connector: any Connector, action: any Action)
            do {
                found = try registry.action(reference, actionID)
            } catch {
                reader.error(error.message, at: at + (error.message.hasPrefix("unknown connector") ? "/connector" : "/action"), hint: error.hint)
                continue
            }
            let id = object["id"].flatMap { reader.string($0, at: at + "/id") } ?? found.action.id
            if steps.contains(where: { $0.id == id }) || !ConfigLoader.isFlowID(id) {
                reader.error("step id '\(id)' is taken or not a plain name", at: at + (object["id"] == nil ? "" : "/id"),
                             hint: "give each step a unique id of letters, digits, '-' and '_'")
                continue
            }
            // A step without a usable connection is still checked (mapping, retry, ...), then left out.
            let connection = stepConnection(object, at: at, connector: found.connector, connections: connections)
            let timeoutSeconds = reader.number(object, "timeoutSeconds", at: at, in: 0.1...300) ?? 10
            let worstCase = timeoutSeconds * Double(2 * (ActionContext.oauthRefreshLimit + 1))
            if settings.leaseSeconds <= worstCase {
                reader.error("delivery.leaseSeconds (\(Int(settings.leaseSeconds)) s) could run out before this step's requests time out "
                             + "(\(Int(worstCase)) s with token refreshes), and another worker would deliver it a second time",
                             at: at + (object["timeoutSeconds"] == nil ? "" : "/timeoutSeconds"),
                             hint: "raise delivery.leaseSeconds above \(Int(worstCase)) or lower timeoutSeconds")
            }
            let retry = readRetry(object["retry"], at: at + "/retry")
            var condition: Template?
            if let conditionValue = object["condition"], let text = reader.string(conditionValue, at: at + "/condition") {
                do {
                    condition = try Template(text)
                } catch {
                    reader.error("condition: \(error)", at: at + "/condition")
                }
            }
            let merge = reader.bool(object, "merge", at: at) ?? false
            let source = Self.sourceSchema(eventSchema, stepOutputs: stepOutputs)
            let mapping = compileMapping(object["mapping"], at: at + "/mapping", source: source, isOpen: flowSource.isOpen,
                                         explainUnknownPath: explainUnknownPath, action: found.action)
            // Later steps may read this step's output even when this step has errors (no follow-on errors).
            stepOutputs.append(FieldSchema(name: id, type: .object, optional: true, properties: found.action.outputFields))
            if merge { eventSchema = Self.merging(found.action.outputFields, into: eventSchema) }
            guard let mapping, let connection, let mappingSource = object["mapping"] else { continue }
            steps.append(FlowStep(id: id, connector: found.connector, action: found.action, connection: connection, mapping: mapping,
                                  mappingSource: mappingSource, retry: retry, timeout: .milliseconds(Int64(timeoutSeconds * 1000)), condition: condition, merge: merge))
        }
        return steps
    }

    private mutating func stepConnection(_ object: JSONObject, at pointer: String, connector: any Connector,
                                         connections: [String: ConfiguredConnection]) -> ConfiguredConnection? {
        guard let nameValue = object["connection"] else {
            if connector.connection.auth.contains(.none) {
                return ConfiguredConnection(name: "(none)", connector: connector, connection: Connection(auth: .none),
                                            tokens: OAuthTokenCache(), rateLimiter: nil)
            }
            reader.error("this step needs a connection (\(connector.versionedID) authenticates)", at: pointer,
                         hint: "add connection: NAME, with NAME under connections")
            return nil
        }
        guard let name = reader.string(nameValue, at: pointer + "/connection") else { return nil }
        guard let connection = connections[name] else {
            if brokenConnections.contains(name) { return nil }
            reader.error("unknown connection '\(name)'", at: pointer + "/connection",
                         hint: Suggestion.closest(to: name, in: Array(connections.keys) + brokenConnections).map { "did you mean '\($0)'?" }
                             ?? "define it under connections")
            return nil
        }
        guard connection.connector.id == connector.id else {
            reader.error("connection '\(name)' is for \(connection.connector.versionedID), not \(connector.versionedID)", at: pointer + "/connection")
            return nil
        }
        return connection
    }

    private mutating func readRetry(_ value: JSONValue?, at pointer: String) -> RetryPolicy {
        var policy = RetryPolicy.iterable
        guard let object = reader.object(value, at: pointer, what: "retry") else { return policy }
        reader.rejectUnknownKeys(object, known: Self.retryKeys, at: pointer, what: "retry")
        if let attempts = reader.number(object, "attempts", at: pointer, in: 1...100) { policy.maxAttempts = Int(attempts) }
        if let delay = reader.number(object, "delaySeconds", at: pointer, in: 0...86400) { policy.delay = delay }
        if let multiplier = reader.number(object, "multiplier", at: pointer, in: 1...10) { policy.multiplier = multiplier }
        if let maxDelay = reader.number(object, "maxDelaySeconds", at: pointer, in: 0...86400) { policy.maxDelay = maxDelay }
        if let jitter = reader.bool(object, "jitter", at: pointer) { policy.jitter = jitter }
        if let backoff = object["backoff"] {
            if let name = backoff.stringValue, let parsed = RetryPolicy.Backoff(rawValue: name) {
                policy.backoff = parsed
            } else {
                reader.error("backoff must be fixed or exponential, found \(backoff.serialized())", at: pointer + "/backoff")
            }
        }
        return policy
    }

    private mutating func compileMapping(_ value: JSONValue?, at pointer: String, source: FieldSchema, isOpen: Bool,
                                         explainUnknownPath: @escaping @Sendable ([String]) -> String?, action: any Action) -> Mapping? {
        guard let value else {
            reader.error("a step needs a mapping (action field → expression)", at: String(pointer.dropLast("/mapping".count)),
                         hint: "the action's fields: \(action.inputFields.map(\.name).joined(separator: ", "))")
            return nil
        }
        // Without `locate`, the compiler locates each diagnostic by its pointer inside the mapping
        // ("(mapping)" for the mapping itself); the reader turns that into FILE:LINE:COLUMN and
        // the pointer from the document's root.
        var compiler = MappingCompiler(source: source, target: action.inputFields)
        compiler.sourceIsOpen = isOpen
        compiler.explainUnknownSourcePath = explainUnknownPath
        compiler.openSourceHint = "this flow's events may hold fields its schema does not list, so the path is unchecked: "
            + "add a sample event with it (trigger.samples) or a schema (trigger.schema)"
        let (mapping, diagnostics) = compiler.compile(value)
        for diagnostic in diagnostics {
            var located = diagnostic
            if let location = diagnostic.location {
                located.location = reader.locate(location == "(mapping)" ? pointer : pointer + location)
            }
            reader.diagnostics.append(located)
        }
        return mapping
    }

    /// The event schema with `steps` (earlier steps' outputs) added.
    static func sourceSchema(_ event: FieldSchema, stepOutputs: [FieldSchema]) -> FieldSchema {
        guard !stepOutputs.isEmpty else { return event }
        var schema = event
        var properties = schema.properties ?? []
        properties.removeAll { $0.name == "steps" }
        properties.append(FieldSchema(name: "steps", type: .object, optional: true, properties: stepOutputs))
        schema.properties = properties
        return schema
    }

    /// `event` with `fields` added as optional members where the event has none of that name.
    static func merging(_ fields: [FieldSchema], into event: FieldSchema) -> FieldSchema {
        var schema = event
        var properties = schema.properties ?? []
        for var field in fields where !properties.contains(where: { $0.name == field.name }) {
            field.optional = true
            properties.append(field)
        }
        schema.properties = properties
        return schema
    }
}
