import ConnectorKit
import Foundation

/// Runs one step of a flow for one event: condition, mapping, then the action over a
/// recording transport. Shared by delivery and `hookline test`.
struct StepRunner: Sendable {
    /// What one attempt of a step did.
    struct Outcome: Sendable {
        enum Result: Sendable {
            case succeeded(JSONValue)
            case skipped
            case failed(ConnectorError)
        }

        var result: Result
        /// The mapped action input (nil when skipped or the mapping failed).
        var input: JSONValue?
        /// The requests sent, redacted, as JSON.
        var requests: JSONValue
        var lastStatus: Int?
        var lastResponseExcerpt: String?
    }

    let redactor: Redactor
    /// Credentials learned at run time (OAuth tokens). Made from the same config secrets, its
    /// redactor covers both and is used instead of `redactor` (one pass per text).
    var learned: RuntimeSecrets? = nil

    /// `text` without the config's secrets and those learned so far.
    private func redact(_ text: String) -> String {
        (learned?.redactor ?? redactor).redact(text)
    }

    /// The data a step's condition and mapping read: the event, with earlier steps' outputs under `steps`.
    static func source(event: JSONValue, outputs: JSONObject) -> JSONValue {
        guard !outputs.isEmpty, case .object(var object) = event else { return event }
        object["steps"] = .object(outputs)
        return .object(object)
    }

    func run(_ step: FlowStep, event: JSONValue, outputs: JSONObject, idempotencyKey: String, transport: any HTTPTransport) async -> Outcome {
        let source = Self.source(event: event, outputs: outputs)
        if let condition = step.condition {
            do {
                let rendered = try condition.render(source, escaping: .none).trimmingCharacters(in: .whitespacesAndNewlines)
                if rendered.isEmpty || rendered == "false" || rendered == "0" {
                    return Outcome(result: .skipped, input: nil, requests: .array([]))
                }
            } catch {
                return Outcome(result: .failed(ConnectorError(.permanent, code: "condition", message: "the condition failed: \(error)")),
                               input: nil, requests: .array([]))
            }
        }
        let input: JSONValue
        do {
            input = try step.mapping.apply(to: source)
        } catch {
            return Outcome(result: .failed(ConnectorError(.permanent, code: "mapping", message: redact(error.description))),
                           input: nil, requests: .array([]))
        }
        let recorder = RecordingTransport(transport, redactor: redactor, learned: learned)
        let result: Outcome.Result
        do {
            if let limiter = step.connection.rateLimiter { try await limiter.acquire() }
            var context = try step.connector.context(step.connection.connection, transport: recorder, tokens: step.connection.tokens,
                                                     timeout: step.timeout)
            context.idempotencyKey = idempotencyKey
            result = .succeeded(try await step.action.run(input, context: context))
        } catch let error as ConnectorError {
            var redacted = error
            redacted.message = redact(error.message)
            redacted.bodyExcerpt = error.bodyExcerpt.map(redact)
            result = .failed(redacted)
        } catch {
            result = .failed(ConnectorError(.retryable, code: "cancelled", message: "the step was interrupted: \(error)"))
        }
        let last = recorder.exchanges.last
        return Outcome(result: result, input: input, requests: recorder.json, lastStatus: last?.status, lastResponseExcerpt: last?.responseExcerpt)
    }

    /// `event` with the members of `output` it lacks (the event's own fields win).
    static func merge(_ output: JSONValue, into event: JSONValue) -> JSONValue {
        guard case .object(let additions) = output, case .object(var object) = event else { return event }
        for member in additions where object[member.key] == nil { object[member.key] = member.value }
        return .object(object)
    }
}
