import ConnectorKit

/// `track_events_bulk`: records many events (`POST /api/events/trackBulk`), split into
/// requests of at most ``maxEventsPerRequest`` events and ``maxBodyBytes`` bytes
/// (by default; see ``init(limits:)``).
public struct TrackEventsBulk: Action {
    /// Events per request: a conservative count (unconfirmed upstream).
    public static let maxEventsPerRequest = 1000
    /// Iterable's 4 MB body limit, taken as 4,000,000 bytes.
    public static let maxBodyBytes = 4_000_000

    public let id = "track_events_bulk"
    public let summary = "Tracks many events, in batches (by default up to 1,000 events or 4 MB); the answers are summed."
    public var inputFields: [FieldSchema] {
        [FieldSchema(name: "events", type: .array, hint: "The events, each as track_event takes them (eventName; email or userId, not both).",
                     of: FieldSchema(name: "", type: .object, properties: TrackEvent.eventFields))]
    }
    public var outputFields: [FieldSchema] {
        IterableBulkResult.outputFields(batched: true) + [
            FieldSchema(name: "disallowedEventNames", type: .array, optional: true, hint: "Event names the project refuses, when Iterable reports any.",
                        of: FieldSchema(name: "", type: .string)),
        ]
    }
    public var batching: Batching? { limits }
    /// The limits requests are split by.
    public let limits: Batching

    /// The action with Iterable's limits, or others (a project with different limits, tests).
    public init(limits: Batching = Batching(maxItems: maxEventsPerRequest, maxBodyBytes: maxBodyBytes)) {
        self.limits = limits
    }

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let events = input["events"]?.arrayValue ?? []
        var items: [JSONValue] = []
        items.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            try TrackEvent.check(event, at: "/events/\(index)", action: id)
            items.append(IterableFields.body(event, TrackEvent.eventFields))
        }
        let request = IterableBulkRequest(action: id, path: "api/events/trackBulk", itemsKey: "events", batching: limits)
        return try await request.send(items, context: context)
    }
}
