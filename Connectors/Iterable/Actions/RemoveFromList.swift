import ConnectorKit

/// `remove_from_list`: removes users from a static list (`POST /api/lists/unsubscribe`).
public struct RemoveFromList: Action {
    public let id = "remove_from_list"
    public let summary = "Removes users (by email or userId) from a static list."
    public var inputFields: [FieldSchema] { Self.fields }
    public var outputFields: [FieldSchema] { IterableBulkResult.outputFields(batched: false) }

    static let subscribers = IterableListMembers.field("The users to remove.", members: [])
    static let fields: [FieldSchema] = [
        IterableFields.integer("listId", "The static list's id.", optional: false),
        subscribers,
        IterableFields.integer("campaignId", "The campaign the unsubscription is attributed to."),
        IterableFields.boolean("channelUnsubscribe", "Also unsubscribe the users from the list's channel."),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let body = try AddSubscribersToList.withSubscribers(IterableFields.body(input, inputFields), input: input, action: id,
                                                            field: Self.subscribers)
        return try await IterableListMembers.send(context, "api/lists/unsubscribe", body: body)
    }
}
