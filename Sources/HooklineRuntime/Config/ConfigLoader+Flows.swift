import ConnectorKit

extension ConfigLoader {
    static let flowKeys = ["trigger", "steps"]
    static let triggerKeys = ["connector", "trigger", "options", "verify", "samples", "schema"]
    static let verifyKeys = ["header", "secret", "standardWebhooks", "toleranceSeconds"]

    /// `flows: {id: {trigger: {...}, steps: [...]}}`, in file order.
    mutating func readFlows(_ value: JSONValue?, connections: [String: ConfiguredConnection], settings: RunnerSettings) -> [Flow] {
        guard let value else {
            reader.error("the config has no flows", at: "", hint: "add flows: {my-flow: {trigger: {...}, steps: [...]}}")
            return []
        }
        guard let entries = reader.object(value, at: "/flows", what: "flows") else { return [] }
        var flows: [Flow] = []
        for entry in entries {
            let pointer = "/flows/" + JSONPath.pointerToken(entry.key)
            if !Self.isFlowID(entry.key) {
                reader.error("flow id '\(entry.key)' is not usable in a URL path", at: pointer, hint: "use letters, digits, '-' and '_'")
            }
            guard let object = reader.object(entry.value, at: pointer, what: "a flow") else { continue }
            reader.rejectUnknownKeys(object, known: Self.flowKeys, at: pointer, what: "a flow")
            guard let triggerObject = reader.object(object["trigger"] ?? .null, at: pointer + "/trigger", what: "trigger"),
                  let (connector, trigger, options, verification) = readTrigger(triggerObject, at: pointer + "/trigger")
            else { continue }
            let source = readFlowSource(triggerObject, trigger: trigger, options: options, at: pointer + "/trigger")
            guard let stepsValue = object["steps"] else {
                reader.error("a flow needs steps", at: pointer)
                continue
            }
            guard case .array(let stepValues) = stepsValue, !stepValues.isEmpty else {
                reader.error("steps must be a non-empty list", at: pointer + "/steps")
                continue
            }
            let explain: @Sendable ([String]) -> String? = { [options] path in trigger.hintForUnknownPath(path, options: options) }
            let steps = readSteps(stepValues, at: pointer + "/steps", source: source, explainUnknownPath: explain,
                                  connections: connections, settings: settings)
            guard steps.count == stepValues.count else { continue }
            flows.append(Flow(id: entry.key, connector: connector, trigger: trigger, options: options, verification: verification,
                              source: source, steps: steps))
        }
        return flows
    }

    private mutating func readTrigger(_ object: JSONObject, at pointer: String) -> (any Connector, any Trigger, JSONValue, WebhookVerification?)? {
        reader.rejectUnknownKeys(object, known: Self.triggerKeys, at: pointer, what: "a trigger")
        guard let reference = reader.requiredString(object, "connector", at: pointer, what: "a trigger"),
              let triggerID = reader.requiredString(object, "trigger", at: pointer, what: "a trigger")
        else { return nil }
        let found: (connector: any Connector, trigger: any Trigger)
        do {
            found = try registry.trigger(reference, triggerID)
        } catch {
            reader.error(error.message, at: pointer + (error.message.hasPrefix("unknown connector") ? "/connector" : "/trigger"), hint: error.hint)
            return nil
        }
        let options = object["options"] ?? .object(JSONObject())
        for problem in found.trigger.optionSchema.validate(options) {
            reader.error("trigger option: \(problem.message)", at: pointer + "/options" + (problem.location ?? ""), hint: problem.hint)
        }
        var verification: WebhookVerification?
        if let verify = reader.object(object["verify"], at: pointer + "/verify", what: "verify") {
            verification = readVerification(verify, at: pointer + "/verify")
        }
        return (found.connector, found.trigger, options, verification)
    }

    private mutating func readVerification(_ object: JSONObject, at pointer: String) -> WebhookVerification? {
        reader.rejectUnknownKeys(object, known: Self.verifyKeys, at: pointer, what: "verify")
        if let secretValue = object["standardWebhooks"] {
            guard let secret = reader.string(secretValue, at: pointer + "/standardWebhooks") else { return nil }
            guard StandardWebhooksSignature.key(from: secret) != nil else {
                reader.error("the Standard Webhooks secret is not base64 (whsec_...)", at: pointer + "/standardWebhooks")
                return nil
            }
            secrets.append(Secret(secret))
            // The key alone (base64, without `whsec_`) is as secret as the whole value.
            if secret.hasPrefix("whsec_") { secrets.append(Secret(String(secret.dropFirst("whsec_".count)))) }
            let tolerance = reader.number(object, "toleranceSeconds", at: pointer, in: 1...86400) ?? 300
            return .standardWebhooks(secret: Secret(secret), toleranceSeconds: tolerance)
        }
        guard let header = reader.requiredString(object, "header", at: pointer, what: "verify (or use standardWebhooks)"),
              let secret = reader.requiredString(object, "secret", at: pointer, what: "verify")
        else { return nil }
        if secret.count < 16 {
            reader.error("the shared secret is too short to resist guessing", at: pointer + "/secret", hint: "use at least 16 random characters")
        }
        secrets.append(Secret(secret))
        return .sharedSecret(header: header, secret: Secret(secret))
    }

    static func isFlowID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }
}
