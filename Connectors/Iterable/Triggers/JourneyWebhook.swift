import ConnectorKit

/// `journey_webhook`: what a journey's webhook step sends (the user's and the event's fields,
/// flat or under `dataFields`, usually with `email` and `workflowId`), optionally filtered by
/// journey.
public struct JourneyWebhook: Trigger {
    public let id = "journey_webhook"
    public let summary = "A call from an Iterable journey's webhook step."
    public var outputSchema: FieldSchema { IterableSchemas.journeyWebhook }
    public var samples: [JSONValue] { IterableSchemas.journeyWebhookSamples }
    /// The journey's webhook step says what the body holds: any profile or event field.
    public func outputIsOpen(options: JSONValue) -> Bool { true }
    public var optionFields: [FieldSchema] {
        [FieldSchema(name: "workflowIds", type: .array, optional: true,
                     hint: "Handle only calls from these journeys (workflowId); empty or absent: all.",
                     of: FieldSchema(name: "", type: .integer))]
    }

    public init() {}

    /// With `workflowIds`, the call's `workflowId` (top level or under `dataFields`): Iterable
    /// sends it only while the step's "include email and workflowId" stays ticked.
    public func filteredMembers(options: JSONValue) -> [String] {
        (options["workflowIds"]?.arrayValue ?? []).isEmpty ? [] : ["workflowId", "dataFields.workflowId"]
    }

    /// Whether the call's `workflowId` (top level, else under `dataFields`; a number or, from
    /// a form-encoded body, its digits) is one of the `workflowIds` option (any call when it is
    /// empty or absent).
    public func matches(_ event: JSONValue, options: JSONValue) -> Bool {
        let wanted = (options["workflowIds"]?.arrayValue ?? []).compactMap(Self.integer)
        guard !wanted.isEmpty else { return true }
        guard let workflowId = (event["workflowId"] ?? event["dataFields"]?["workflowId"]).flatMap(Self.integer) else { return false }
        return wanted.contains(workflowId)
    }

    /// `value` as a whole number: an integer, an integral number, or a string of digits.
    static func integer(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .number(let number) where number.isIntegral: Int64(exactly: number.doubleValue)
        case .string(let text): Int64(text)
        default: nil
        }
    }
}
