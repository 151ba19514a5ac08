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
    public let outputFields = [
        FieldSchema(name: "contactId", type: .string, hint: "Acme's id of the contact"),
        FieldSchema(name: "created", type: .boolean, hint: "Whether the contact is new"),
    ]
    public var samples: [JSONValue] {
        [["email": "ana@example.com", "firstName": "Ana", "phone": "+15551230000", "tags": ["vip"]]]
    }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        if let tags = input["tags"]?.arrayValue, tags.count > 20 {
            throw ConnectorError.invalidInput("\(id): error at /tags: \(tags.count) tags (hint: Acme keeps at most 20 per contact)")
        }
        let answer = try await context.sendJSON(.put, "v2/contacts", body: input)
        guard let contactId = answer["id"]?.stringValue else {
            throw ConnectorError(.permanent, code: "bad_response", message: "\(id): Acme answered without a contact id",
                                 bodyExcerpt: answer.serialized())
        }
        return ["contactId": .string(contactId), "created": answer["created"] ?? false]
    }
}
