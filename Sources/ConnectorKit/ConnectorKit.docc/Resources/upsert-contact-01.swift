import ConnectorKit

/// Creates an Acme contact, or updates the one with the same e-mail address.
public struct UpsertContact: Action {
    public let id = "upsert_contact"
    public let summary = "Create or update an Acme contact by e-mail"
    public let inputFields = [
        FieldSchema(name: "email", type: .string, format: .email),
        FieldSchema(name: "firstName", type: .string, optional: true),
        FieldSchema(name: "lastName", type: .string, optional: true),
        FieldSchema(name: "phone", type: .string, optional: true, hint: "With country code (+15551230000)", format: .phone),
        FieldSchema(name: "tags", type: .array, optional: true, of: FieldSchema(name: "", type: .string)),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try await context.sendJSON(.put, "v2/contacts", body: input)
    }
}
