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

    /// Whether `event`'s `eventName` is one of the `eventNames` option (any event when it is
    /// empty or absent).
    public func matches(_ event: JSONValue, options: JSONValue) -> Bool {
        let wanted = options["eventNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
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
