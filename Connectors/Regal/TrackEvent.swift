import ConnectorKit

/// Records an event (`name`, `properties`) on a Regal contact, updating its traits too.
public struct TrackEvent: Action {
    public let id = "track_event"
    public var samples: [JSONValue] { RegalSchemas.eventSamples }
    public let summary = "Record an event on a Regal contact (and update its traits)"
    public let inputFields = RegalFields.event
    public let outputFields = RegalFields.output

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try await RegalEvents.send(input, fields: inputFields, action: id, context: context)
    }
}
