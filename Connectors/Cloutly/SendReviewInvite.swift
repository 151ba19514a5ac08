import ConnectorKit

/// Sends a review invite to a contact of a Cloutly business (REST v1), by e-mail and/or SMS.
public struct SendReviewInvite: Action {
    public let id = "send_review_invite"
    public var samples: [JSONValue] { CloutlySchemas.sendReviewInviteSamples }
    public let summary = "Send a Cloutly review invite by e-mail and/or SMS"
    public let inputFields = [
        FieldSchema(name: "firstName", type: .string),
        FieldSchema(name: "lastName", type: .string, optional: true),
        FieldSchema(name: "email", type: .string, optional: true, format: .email, requiredGroup: "contact"),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, hint: "With country code (+15551230000)", format: .phone, requiredGroup: "contact"),
        FieldSchema(name: "source", type: .string, optional: true, hint: "Where the contact comes from (api, iterable)"),
        FieldSchema(name: "sourceContactId", type: .string, optional: true, hint: "The contact's id in the source"),
        FieldSchema(name: "businessId", type: .string, hint: "From list_businesses"),
        FieldSchema(name: "campaignId", type: .string, optional: true),
        FieldSchema(name: "inviteDelayDays", type: .integer, optional: true, hint: "Days to wait before inviting; 0 or more"),
    ]
    public let outputFields = [
        FieldSchema(name: "contact", type: .object, hint: "The contact Cloutly created or updated"),
        FieldSchema(name: "usage", type: .object, hint: "The account's invite usage (empty when Cloutly sends none)"),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        if case .integer(let days)? = input["inviteDelayDays"], days < 0 {
            throw ConnectorError.invalidInput("\(id): error at /inviteDelayDays: \(days) is negative (hint: send 0 to invite now, or a number of days to wait)")
        }
        let answer = try await context.sendJSON(.post, "api/v1/send-review-invite", body: input)
        guard let contact = answer["contact"], contact.objectValue != nil else {
            throw ConnectorError(.permanent, code: "bad_response", message: "\(id): Cloutly answered without a contact object", bodyExcerpt: answer.serialized())
        }
        return ["contact": contact, "usage": answer["usage"] ?? .object(JSONObject())]
    }
}
