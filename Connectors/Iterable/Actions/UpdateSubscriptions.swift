import ConnectorKit

/// `update_subscriptions`: sets a user's list and message-type subscriptions
/// (`POST /api/users/updateSubscriptions`). Every field sent replaces the stored value.
public struct UpdateSubscriptions: Action {
    public let id = "update_subscriptions"
    public let summary = "Replaces a user's subscriptions: every list of ids sent overwrites the stored one; fields left out are kept."
    public var inputFields: [FieldSchema] {
        IterableUserIdentity.user.fields(group: "user") + [
            IterableFields.integers("emailListIds", "Every list the user is subscribed to (replaces the stored set)."),
            IterableFields.integers("unsubscribedChannelIds", "Every channel the user is unsubscribed from (replaces the stored set)."),
            IterableFields.integers("unsubscribedMessageTypeIds", "Every message type the user is unsubscribed from (replaces the stored set)."),
            IterableFields.integers("subscribedMessageTypeIds", "Every opt-in message type the user is subscribed to (replaces the stored set)."),
            IterableFields.integer("campaignId", "The campaign unsubscriptions are attributed to."),
            IterableFields.integer("templateId", "The template unsubscriptions are attributed to."),
        ]
    }
    public var outputFields: [FieldSchema] { IterableFields.response }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try IterableUserIdentity.user.check(input, at: "", action: id)
        return try await IterableAPI.call(context, .post, "api/users/updateSubscriptions", body: IterableFields.body(input, inputFields))
    }
}
