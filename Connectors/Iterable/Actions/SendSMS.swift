import ConnectorKit

/// `send_sms`: sends an SMS campaign to one user (`POST /api/sms/target`), now or at `sendAt`.
public struct SendSMS: Action {
    public let id = "send_sms"
    public let summary = "Sends an SMS campaign to one user (by recipientEmail or recipientUserId), now or at sendAt (UTC)."
    public var inputFields: [FieldSchema] {
        [IterableFields.integer("campaignId", "The SMS campaign's id.", optional: false)]
            + IterableUserIdentity.recipient.fields(group: "recipient") + [
                IterableFields.dataFields("Fields for the message template; they win over the profile's."),
                FieldSchema(name: "sendAt", type: .string, optional: true, hint: "When to send, UTC, as YYYY-MM-DD HH:MM:SS; now when left out."),
                IterableFields.boolean("allowRepeatMarketingSends", "Allow sending this marketing campaign to the user again."),
            ]
    }
    public var outputFields: [FieldSchema] { IterableFields.response }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try IterableUserIdentity.recipient.check(input, at: "", action: id)
        if let sendAt = input["sendAt"]?.stringValue, !IterableDateTime.isValid(sendAt) {
            throw IterableErrors.invalidInput(id, at: "/sendAt", "'\(sendAt)' is not YYYY-MM-DD HH:MM:SS (UTC), e.g. 2026-06-10 14:00:00")
        }
        return try await IterableAPI.call(context, .post, "api/sms/target", body: IterableFields.body(input, inputFields))
    }
}
