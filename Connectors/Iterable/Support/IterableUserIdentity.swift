import ConnectorKit

/// How a request names its user: by an email member or a user-id member, never both
/// (Iterable's rule), the user id at most ``maxUserIdLength`` characters.
struct IterableUserIdentity: Sendable {
    /// Iterable's limit on `userId`.
    static let maxUserIdLength = 52

    /// `email` / `userId`, as most endpoints name them.
    static let user = IterableUserIdentity(emailKey: "email", userIdKey: "userId")
    /// `recipientEmail` / `recipientUserId`, as `POST /api/sms/target` names them.
    static let recipient = IterableUserIdentity(emailKey: "recipientEmail", userIdKey: "recipientUserId")

    let emailKey: String
    let userIdKey: String

    /// Checks the identity members of `object`, found at JSON Pointer `pointer` of `action`'s input.
    /// Whether at least one is present is the input schema's job (a `requiredGroup`).
    /// - Throws: `invalid_input` when both are set, one is empty, or the user id is too long.
    func check(_ object: JSONValue, at pointer: String, action: String) throws(ConnectorError) {
        let email = object[emailKey].flatMap { $0.isNull ? nil : $0 }
        let userId = object[userIdKey].flatMap { $0.isNull ? nil : $0 }
        if email != nil, userId != nil {
            throw IterableErrors.invalidInput(action, at: pointer.isEmpty ? "/" : pointer,
                "both \(emailKey) and \(userIdKey) are set; Iterable takes one of them per request: "
                + "map only \(emailKey) (email-based projects) or only \(userIdKey) (userId-based projects)")
        }
        if let email, email.stringValue?.isEmpty == true {
            throw IterableErrors.invalidInput(action, at: "\(pointer)/\(emailKey)", "is empty; give an email address or leave it out")
        }
        if let text = userId?.stringValue {
            if text.isEmpty {
                throw IterableErrors.invalidInput(action, at: "\(pointer)/\(userIdKey)", "is empty; give a user id or leave it out")
            }
            if text.count > Self.maxUserIdLength {
                throw IterableErrors.invalidInput(action, at: "\(pointer)/\(userIdKey)",
                    "is \(text.count) characters; Iterable accepts at most \(Self.maxUserIdLength)")
            }
        }
    }

    /// The two identity fields, optional and sharing the one-of group `group`.
    func fields(group: String) -> [FieldSchema] {
        [
            FieldSchema(name: emailKey, type: .string, optional: true, hint: "The user's email address; give this or \(userIdKey), not both.",
                        format: .email, requiredGroup: group),
            FieldSchema(name: userIdKey, type: .string, optional: true,
                        hint: "The user's id (at most \(Self.maxUserIdLength) characters); give this or \(emailKey), not both.",
                        requiredGroup: group),
        ]
    }
}
