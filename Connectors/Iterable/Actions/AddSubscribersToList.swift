import ConnectorKit

/// `add_subscribers_to_list`: adds users to a static list (`POST /api/lists/subscribe`).
public struct AddSubscribersToList: Action {
    public let id = "add_subscribers_to_list"
    public let summary = "Adds users (by email or userId) to a static list, creating or updating their profiles."
    public var inputFields: [FieldSchema] { Self.fields }
    public var outputFields: [FieldSchema] { IterableBulkResult.outputFields(batched: false) }

    static let subscribers = IterableListMembers.field("The users to add.", members: [
        IterableFields.dataFields("Profile fields to set on the user."),
        IterableFields.boolean("preferUserId", "With userId in an email-based project: create the user when missing."),
    ])
    static let fields: [FieldSchema] = [
        IterableFields.integer("listId", "The static list's id.", optional: false),
        subscribers,
        IterableFields.boolean("updateExistingUsersOnly", "Skip users that do not exist yet instead of creating them."),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        var body = IterableFields.body(input, inputFields)
        body = try Self.withSubscribers(body, input: input, action: id, field: Self.subscribers)
        return try await IterableListMembers.send(context, "api/lists/subscribe", body: body)
    }

    /// `body` with its `subscribers` checked and reduced to their declared members.
    static func withSubscribers(_ body: JSONValue, input: JSONValue, action: String, field: FieldSchema) throws(ConnectorError) -> JSONValue {
        guard var object = body.objectValue else { return body }
        object["subscribers"] = try IterableListMembers.subscribers(of: input, field: field, action: action)
        return .object(object)
    }
}
