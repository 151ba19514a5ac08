import ConnectorKit

/// The checks every connector must pass: well-formed ids, valid schemas that survive JSON
/// Schema and field-list round trips, samples that validate (trigger samples against the
/// event schema, action samples against the input fields), at least one sample per trigger,
/// a usable connection spec, and every action and trigger reachable through a registry.
public enum ConnectorConformance {
    /// Every problem found, as diagnostics located at `connector/...`; empty when it conforms.
    public static func check(_ connector: any Connector, registry: ConnectorRegistry? = nil) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let root = connector.versionedID
        func fail(_ message: String, _ at: String, hint: String? = nil) {
            problems.append(Diagnostic(.error, message, at: at, hint: hint))
        }
        if !isIdentifier(connector.id, allowing: "-") { fail("connector id '\(connector.id)' is not lower-case letters, digits and '-'", root) }
        if connector.version < 1 { fail("version \(connector.version) is below 1", root) }
        if connector.connection.auth.isEmpty { fail("the connection spec accepts no auth scheme", root + "/connection") }
        for url in [connector.connection.baseURL] + connector.connection.regions.values.sorted() {
            do { _ = try RequestURL(url) } catch { fail("base URL '\(url)': \(error.detail)", root + "/connection") }
        }
        let registry = registry ?? ConnectorRegistry([connector])
        checkUnique(connector.actions.map(\.id), kind: "action", at: root, into: &problems)
        checkUnique(connector.triggers.map(\.id), kind: "trigger", at: root, into: &problems)
        for action in connector.actions {
            let at = "\(root)/actions/\(action.id)"
            if !isIdentifier(action.id, allowing: "_") { fail("action id '\(action.id)' is not snake_case", at) }
            checkFields(action.inputFields, at: at + "/input", into: &problems)
            for (index, sample) in action.samples.enumerated() {
                problems += action.inputSchema.validate(sample, at: "\(at)/samples/\(index)")
            }
            checkFields(action.outputFields, at: at + "/output", into: &problems)
            do {
                let found = try registry.action(root, action.id)
                if found.action.id != action.id { fail("the registry returns '\(found.action.id)' for '\(action.id)'", at) }
            } catch {
                fail("not reachable from the registry: \(error)", at)
            }
        }
        for trigger in connector.triggers {
            let at = "\(root)/triggers/\(trigger.id)"
            if !isIdentifier(trigger.id, allowing: "_") { fail("trigger id '\(trigger.id)' is not snake_case", at) }
            guard trigger.outputSchema.type == .object, !(trigger.outputSchema.properties ?? []).isEmpty else {
                fail("the output schema is not an object with fields", at, hint: "generate it from Schemas/ samples")
                continue
            }
            checkFields(trigger.outputSchema.properties ?? [], at: at + "/output", into: &problems)
            checkFields(trigger.optionFields, at: at + "/options", into: &problems)
            if trigger.samples.isEmpty {
                fail("the trigger ships no sample events", at, hint: "add Schemas/\(connector.id)/<schema>/*.sample.json and return them as samples")
            }
            for (index, sample) in trigger.samples.enumerated() {
                problems += trigger.outputSchema.validate(sample, at: "\(at)/samples/\(index)")
            }
            if (try? registry.trigger(root, trigger.id)) == nil { fail("not reachable from the registry", at) }
        }
        return problems
    }

    /// `sample` validated against `trigger`'s output schema, problems located under `name`.
    public static func checkSample(_ sample: JSONValue, against trigger: any Trigger, name: String) -> [Diagnostic] {
        trigger.outputSchema.validate(sample, at: name)
    }

    private static func checkFields(_ fields: [FieldSchema], at pointer: String, into problems: inout [Diagnostic]) {
        checkUnique(fields.map(\.name), kind: "field", at: pointer, into: &problems)
        let object = FieldSchema(name: "", type: .object, properties: fields)
        do {
            let back = try FieldSchema(jsonSchema: object.jsonSchema())
            if back != object { problems.append(Diagnostic(.error, "the fields do not survive a JSON Schema round trip", at: pointer)) }
        } catch {
            problems.append(Diagnostic(.error, "the fields do not make a valid JSON Schema: \(error)", at: pointer))
        }
        do {
            let back = try FieldSchema.fields(fromFieldList: FieldSchema.fieldList(fields))
            if back != fields { problems.append(Diagnostic(.error, "the fields do not survive a field-list round trip", at: pointer)) }
        } catch {
            problems.append(Diagnostic(.error, "the fields do not make a valid field list: \(error)", at: pointer))
        }
    }

    private static func checkUnique(_ names: [String], kind: String, at pointer: String, into problems: inout [Diagnostic]) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            problems.append(Diagnostic(.error, "\(kind) '\(name)' is declared twice", at: pointer))
        }
    }

    private static func isIdentifier(_ text: String, allowing separator: Character) -> Bool {
        guard let first = text.first, first.isLowercase, first.isASCII else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == separator }
    }
}
