import ConnectorKit

/// Creates or updates a Regal contact: its traits (older `phone`/`email`/`optIn` format or
/// newer `phones`/`emails` format) without an event.
public struct UpsertContact: Action {
    public let id = "upsert_contact"
    public var samples: [JSONValue] { RegalSchemas.contactSamples }
    public let summary = "Create or update a Regal contact and its opt-ins"
    public let inputFields = RegalFields.contact
    public let outputFields = RegalFields.output

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try await RegalEvents.send(input, fields: inputFields, action: id, context: context)
    }
}
