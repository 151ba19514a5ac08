import ConnectorKit

/// `get_user_by_email`: a user's profile by email (`GET /api/users/getByEmail?email=`).
/// An unknown email gives `{"found": false}` (see ``IterableUserLookup``).
public struct GetUserByEmail: Action {
    public let id = "get_user_by_email"
    public let summary = "Looks a user up by email; found is false when Iterable knows no such user."
    public var inputFields: [FieldSchema] {
        [FieldSchema(name: "email", type: .string, hint: "The user's email address.", format: .email)]
    }
    public var outputFields: [FieldSchema] { IterableUserLookup.outputFields }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let email = input["email"]?.stringValue ?? ""
        try IterableUserIdentity.user.check(input, at: "", action: id)
        return try await IterableUserLookup.find(context, "api/users/getByEmail", query: [("email", email)])
    }
}
