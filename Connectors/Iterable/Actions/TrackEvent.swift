import ConnectorKit

/// `track_event`: records a custom event for a user (`POST /api/events/track`).
public struct TrackEvent: Action {
    /// Iterable's limit on an event `id`, in UTF-8 bytes.
    public static let maxIDBytes = 512
    /// A `createdAt` above this (year 5138 in seconds) is surely milliseconds.
    static let maxCreatedAtSeconds: Int64 = 99_999_999_999

    public let id = "track_event"
    public let summary = "Tracks a custom event for a user identified by email or userId."
    public var inputFields: [FieldSchema] { Self.eventFields }
    public var outputFields: [FieldSchema] { IterableFields.response }

    /// The members of one event, shared with `track_events_bulk`.
    static let eventFields: [FieldSchema] = [FieldSchema(name: "eventName", type: .string, hint: "The event's name.")]
        + IterableUserIdentity.user.fields(group: "user") + [
            FieldSchema(name: "id", type: .string, optional: true,
                        hint: "The event's id (at most 512 bytes); tracking the same id again updates that event, so it dedupes retries."),
            IterableFields.integer("createdAt", "When it happened, unix time in seconds; defaults to when Iterable receives it."),
            IterableFields.dataFields("The event's fields; dates as YYYY-MM-DD HH:MM:SS +00:00."),
            IterableFields.integer("campaignId", "The campaign the event is attributed to."),
            IterableFields.integer("templateId", "The template the event is attributed to."),
        ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try Self.check(input, at: "", action: id)
        return try await IterableAPI.call(context, .post, "api/events/track", body: IterableFields.body(input, inputFields))
    }

    /// Checks what the schema cannot: the identity rule, a non-empty name, the id's byte limit
    /// and `createdAt` in seconds.
    static func check(_ event: JSONValue, at pointer: String, action: String) throws(ConnectorError) {
        try IterableUserIdentity.user.check(event, at: pointer, action: action)
        if event["eventName"]?.stringValue?.isEmpty == true {
            throw IterableErrors.invalidInput(action, at: "\(pointer)/eventName", "is empty; give the event's name")
        }
        if let eventID = event["id"]?.stringValue {
            let bytes = eventID.utf8.count
            if bytes == 0 { throw IterableErrors.invalidInput(action, at: "\(pointer)/id", "is empty; give an id or leave it out") }
            if bytes > maxIDBytes {
                throw IterableErrors.invalidInput(action, at: "\(pointer)/id", "is \(bytes) bytes; Iterable accepts at most \(maxIDBytes)")
            }
        }
        if case .integer(let createdAt) = event["createdAt"], createdAt > maxCreatedAtSeconds {
            throw IterableErrors.invalidInput(action, at: "\(pointer)/createdAt",
                "\(createdAt) looks like milliseconds; Iterable expects unix seconds (divide by 1000)")
        }
    }
}
