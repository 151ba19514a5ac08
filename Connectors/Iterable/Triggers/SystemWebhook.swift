import ConnectorKit

/// `system_webhook`: the events an Iterable system webhook posts (`{"email", "eventName",
/// "dataFields"}`), optionally filtered by event name.
public struct SystemWebhook: Trigger {
    public let id = "system_webhook"
    public let summary = "An event from an Iterable system webhook (emailSend, emailOpen, smsReceived, ...)."
    public var outputSchema: FieldSchema { IterableSchemas.systemWebhook }
    public var samples: [JSONValue] { IterableSchemas.systemWebhookSamples }
    public var optionFields: [FieldSchema] {
        [FieldSchema(name: "eventNames", type: .array, optional: true,
                     hint: "Handle only these events (emailSend, emailOpen, emailClick, emailBounce, emailUnSubscribe, smsReceived, ...); empty or absent: all.",
                     of: FieldSchema(name: "", type: .string))]
    }

    public init() {}

    /// With `eventNames`, the schema of those event types' samples only, so a path another
    /// type has (`dataFields.url` of an `emailClick`) is unknown to an `emailOpen` flow. Without
    /// it, or when a named type has no sample, the union of every type's.
    public func outputSchema(options: JSONValue) -> FieldSchema {
        guard let chosen = chosenSamples(options),
              let schema = try? SchemaInferrer().infer(samples: chosen).schema
        else { return outputSchema }
        return schema
    }

    /// Open (unknown paths are warnings) unless `eventNames` names only types with samples: an
    /// event of any type may come, and a project's events carry fields no sample shows.
    public func outputIsOpen(options: JSONValue) -> Bool {
        chosenSamples(options) == nil
    }

    /// Names the event types whose samples have the path, when it is not one of the chosen ones'.
    public func hintForUnknownPath(_ path: [String], options: JSONValue) -> String? {
        let chosen = Set(Self.eventNames(options))
        let having = samples.filter { sample in
            var value: JSONValue? = sample
            for member in path { value = value?[member] }
            return value != nil
        }.compactMap { $0["eventName"]?.stringValue }.filter { !chosen.contains($0) }
        guard !having.isEmpty else { return nil }
        let names = Array(Set(having)).sorted()
        return "'\(path.joined(separator: "."))' is in \(names.joined(separator: ", ")) events"
            + (chosen.isEmpty ? "" : ", not in \(chosen.sorted().joined(separator: ", ")): add the event names to options.eventNames if the flow takes them")
    }

    /// The `eventNames` option's names.
    static func eventNames(_ options: JSONValue) -> [String] {
        options["eventNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The samples of the chosen event names; `nil` when none is chosen or one has no sample.
    private func chosenSamples(_ options: JSONValue) -> [JSONValue]? {
        let names = Self.eventNames(options)
        guard !names.isEmpty else { return nil }
        let chosen = samples.filter { $0["eventName"]?.stringValue.map(names.contains) ?? false }
        let covered = Set(chosen.compactMap { $0["eventName"]?.stringValue })
        return names.allSatisfy(covered.contains) ? chosen : nil
    }

    /// Whether `event`'s `eventName` is one of the `eventNames` option (any event when it is
    /// empty or absent).
    public func matches(_ event: JSONValue, options: JSONValue) -> Bool {
        let wanted = Self.eventNames(options)
        guard !wanted.isEmpty else { return true }
        guard let name = event["eventName"]?.stringValue else { return false }
        return wanted.contains(name)
    }

    /// `eventName`, `dataFields.messageId` and `dataFields.createdAt`, as Iterable suggests
    /// (it retries deliveries); `nil` when the event has no message id (`smsReceived`) or
    /// lacks one of the others.
    public func deduplicationKey(_ event: JSONValue) -> String? {
        guard let name = event["eventName"]?.stringValue, !name.isEmpty,
              let messageId = event["dataFields"]?["messageId"]?.stringValue, !messageId.isEmpty,
              let createdAt = event["dataFields"]?["createdAt"], !createdAt.isNull
        else { return nil }
        return JSONValue.array([.string(name), .string(messageId), createdAt]).serialized()
    }
}
