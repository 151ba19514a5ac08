import ConnectorKit

/// `upsert_user`: creates or updates one user profile (`POST /api/users/update`).
public struct UpsertUser: Action {
    public let id = "upsert_user"
    public let summary = "Creates or updates a user profile, identified by email or userId, merging dataFields."
    public var inputFields: [FieldSchema] { Self.userFields }
    public var outputFields: [FieldSchema] { IterableFields.response }

    /// The members of one user update, shared with `bulk_upsert_users`.
    static let userFields: [FieldSchema] = IterableUserIdentity.user.fields(group: "user") + [
        IterableFields.dataFields("Profile fields to set; dates as YYYY-MM-DD HH:MM:SS +00:00."),
        IterableFields.boolean("preferUserId", "With userId in an email-based project: create the user (with a placeholder email) when missing."),
        IterableFields.boolean("mergeNestedObjects", "Merge nested objects of dataFields into the stored ones instead of replacing them."),
        IterableFields.boolean("createNewFields", "Whether unknown fields are added to the project's schema (defaults to the project's setting)."),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try IterableUserIdentity.user.check(input, at: "", action: id)
        return try await IterableAPI.call(context, .post, "api/users/update", body: IterableFields.body(input, inputFields))
    }
}
