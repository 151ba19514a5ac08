import ConnectorKit

/// Sends one body to Regal's `POST /events`, shared by its actions.
enum RegalEvents {
    /// Checks `input` against Regal's rules, posts the members named by `fields` (others, such
    /// as an event `name` given to a profile-only update, are left out) and returns `{status, body}`.
    /// - Throws: ``ConnectorError``: `invalid_input` (nothing sent) for a rule broken, or the
    ///   request's error.
    static func send(_ input: JSONValue, fields: [FieldSchema], action: String, context: ActionContext) async throws(ConnectorError) -> JSONValue {
        let problems = RegalContactRules.check(input)
        guard problems.isEmpty else {
            throw .invalidInput("\(action): " + problems.map(\.description).joined(separator: "; "))
        }
        var body = JSONObject()
        for field in fields {
            if let value = input[field.name], !value.isNull { body[field.name] = value }
        }
        let response = try await context.send(.json(.post, context.url("events"), .object(body)))
        return output(of: response)
    }

    /// `{status, body}`: the body as JSON when it parses, else as trimmed text (`"ok"`).
    static func output(of response: HTTPResponse) -> JSONValue {
        let answer = response.json ?? .string(trimmed(response.bodyText))
        return ["status": .integer(Int64(response.status)), "body": answer]
    }

    private static func trimmed(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
