import ConnectorKit

extension RunJSON {
    /// How the run's event departs from its flow's own schema (`trigger.samples` or
    /// `trigger.schema`): `[{kind, path, found}]`, empty when it follows it; `nil` when the flow
    /// has no schema of its own (or is no longer in the config).
    public static func drift(of run: RunRecord, flow: Flow?) -> JSONValue? {
        guard let flow, flow.source.isFlowsOwn else { return nil }
        return .array(flow.source.driftCheck.drift(of: run.event).map { drift in
            var entry = JSONObject([("kind", .string(drift.kind.rawValue)), ("path", .string(drift.path))])
            if let found = drift.found { entry["found"] = .string(found) }
            return .object(entry)
        })
    }

    /// ``run(_:attempts:includeEvent:)`` with `drift` added where the flow has a schema of its own.
    public static func run(_ run: RunRecord, attempts: [AttemptRecord]?, includeEvent: Bool, flow: Flow?) -> JSONValue {
        let detail = self.run(run, attempts: attempts, includeEvent: includeEvent)
        guard case .object(var object) = detail, let drift = drift(of: run, flow: flow) else { return detail }
        object["drift"] = drift
        return .object(object)
    }
}
