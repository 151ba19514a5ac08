import ConnectorKit

/// `get_user_by_user_id`: a user's profile by user id (`GET /api/users/byUserId?userId=`).
/// An unknown id gives `{"found": false}` (see ``IterableUserLookup``).
public struct GetUserByUserID: Action {
    public let id = "get_user_by_user_id"
    public let summary = "Looks a user up by userId; found is false when Iterable knows no such user."
    public var inputFields: [FieldSchema] {
        [FieldSchema(name: "userId", type: .string, hint: "The user's id (at most \(IterableUserIdentity.maxUserIdLength) characters).")]
    }
    public var outputFields: [FieldSchema] { IterableUserLookup.outputFields }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let userId = input["userId"]?.stringValue ?? ""
        try IterableUserIdentity.user.check(input, at: "", action: id)
        return try await IterableUserLookup.find(context, "api/users/byUserId", query: [("userId", userId)])
    }
}
