import ConnectorKit

/// A flow run on one event without sending anything (`hookline test`): each step's mapped
/// input and the exact requests it would send, secrets redacted.
public struct DryRun: Sendable {
    /// One step's part.
    public struct Step: Sendable {
        public var id: String
        public var skipped: Bool
        public var input: JSONValue?
        public var requests: JSONValue
        public var error: String?
    }

    public var flow: String
    /// Whether the trigger's filter let the event through.
    public var matched: Bool
    public var steps: [Step]

    /// Whether a step failed.
    public var failed: Bool { steps.contains { $0.error != nil } }

    /// Runs `flow` on `event` over a transport that answers every request `200 {}`.
    public static func run(_ flow: Flow, event: JSONValue, config: RunnerConfig) async -> DryRun {
        guard flow.trigger.matches(event, options: flow.options) else { return DryRun(flow: flow.id, matched: false, steps: []) }
        let runner = StepRunner(redactor: config.redactor, learned: config.runtimeSecrets)
        var event = event
        var outputs = JSONObject()
        var steps: [Step] = []
        for step in flow.steps {
            let outcome = await runner.run(step, event: event, outputs: outputs, idempotencyKey: "dry-run:\(step.id)", transport: DryRunTransport())
            switch outcome.result {
            case .succeeded(let output):
                outputs[step.id] = output
                if step.merge { event = StepRunner.merge(output, into: event) }
                steps.append(Step(id: step.id, skipped: false, input: outcome.input, requests: outcome.requests))
            case .skipped:
                steps.append(Step(id: step.id, skipped: true, input: nil, requests: .array([])))
            case .failed(let error):
                steps.append(Step(id: step.id, skipped: false, input: outcome.input, requests: outcome.requests, error: error.description))
                return DryRun(flow: flow.id, matched: true, steps: steps)
            }
        }
        return DryRun(flow: flow.id, matched: true, steps: steps)
    }

    public var json: JSONValue {
        ["flow": .string(flow), "matched": .bool(matched), "steps": .array(steps.map { step in
            var object = JSONObject()
            object["id"] = .string(step.id)
            object["skipped"] = .bool(step.skipped)
            if let input = step.input { object["input"] = input }
            object["requests"] = step.requests
            if let error = step.error { object["error"] = .string(error) }
            return .object(object)
        })]
    }

    public var text: String {
        guard matched else { return "flow \(flow): the trigger's filter does not match this event; nothing would run\n" }
        var text = ""
        for step in steps {
            text += "── step \(step.id)"
            if step.skipped { text += ": skipped (condition false)\n"; continue }
            text += "\n"
            if let input = step.input { text += "input:\n" + input.serialized(options: JSONWriteOptions(pretty: true)) + "\n" }
            for request in step.requests.arrayValue ?? [] {
                text += "\n\(request["method"]?.stringValue ?? "?") \(request["url"]?.stringValue ?? "?")\n"
                for header in request["headers"]?.objectValue ?? JSONObject() {
                    text += "\(header.key): \(header.value.stringValue ?? header.value.serialized())\n"
                }
                if let body = request["body"]?.stringValue { text += "\n\(body)\n" }
            }
            if let error = step.error { text += "error: \(error)\n" }
            text += "\n"
        }
        return text
    }
}
