import ConnectorKit
import Foundation

/// Runs, attempts and flows as JSON, for `/api/*` and `hookline logs --json`.
public enum RunJSON {
    /// A run; with `attempts`, each attempt too. `includeEvent` adds the event (personal data).
    public static func run(_ run: RunRecord, attempts: [AttemptRecord]? = nil, includeEvent: Bool = false) -> JSONValue {
        var object = JSONObject()
        object["id"] = .string(run.id)
        object["flow"] = .string(run.flow)
        object["status"] = .string(run.status.rawValue)
        object["step"] = .integer(Int64(run.stepIndex))
        object["attempt"] = .integer(Int64(run.attempt))
        if let webhookID = run.webhookID { object["webhookId"] = .string(webhookID) }
        object["createdAt"] = .string(timestamp(run.createdAt))
        object["updatedAt"] = .string(timestamp(run.updatedAt))
        if run.status == .retrying || run.status == .queued { object["nextAt"] = .string(timestamp(run.nextAt)) }
        if let error = run.error { object["error"] = .string(error) }
        if includeEvent {
            object["event"] = run.event
            object["outputs"] = .object(run.outputs)
        }
        if let attempts { object["attempts"] = .array(attempts.map(attempt)) }
        return .object(object)
    }

    public static func attempt(_ attempt: AttemptRecord) -> JSONValue {
        var object = JSONObject()
        object["step"] = .string(attempt.stepID)
        object["stepIndex"] = .integer(Int64(attempt.stepIndex))
        object["attempt"] = .integer(Int64(attempt.attempt))
        object["outcome"] = .string(attempt.outcome.rawValue)
        object["startedAt"] = .string(timestamp(attempt.startedAt))
        object["durationMs"] = JSONNumber((attempt.durationMilliseconds * 10).rounded() / 10).map(JSONValue.number) ?? .null
        if let status = attempt.status { object["status"] = .integer(Int64(status)) }
        if let error = attempt.error { object["error"] = .string(error) }
        if let excerpt = attempt.responseExcerpt, !excerpt.isEmpty { object["response"] = .string(excerpt) }
        object["requests"] = attempt.requests
        return .object(object)
    }

    /// A flow: id, trigger and steps.
    public static func flow(_ flow: Flow) -> JSONValue {
        var trigger = JSONObject()
        trigger["connector"] = .string(flow.connector.versionedID)
        trigger["trigger"] = .string(flow.trigger.id)
        trigger["options"] = flow.options
        trigger["verified"] = .bool(flow.verification != nil)
        var object = JSONObject()
        object["id"] = .string(flow.id)
        object["trigger"] = .object(trigger)
        object["steps"] = .array(flow.steps.map { step in
            var entry = JSONObject()
            entry["id"] = .string(step.id)
            entry["connector"] = .string(step.connector.versionedID)
            entry["action"] = .string(step.action.id)
            entry["connection"] = .string(step.connection.name)
            entry["maxAttempts"] = .integer(Int64(step.retry.maxAttempts))
            return .object(entry)
        })
        return .object(object)
    }

    /// RFC 3339 UTC with milliseconds.
    public static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
