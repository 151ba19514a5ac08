import ConnectorKit

/// What the user lookups return. Iterable answers a lookup of an unknown user with `200 {}`;
/// the lookups output `{"found": false}` then rather than failing, so a flow can branch on
/// `found` (a missing user is an ordinary answer, not a failure to retry or alert on).
enum IterableUserLookup {
    static let outputFields: [FieldSchema] = [
        FieldSchema(name: "found", type: .boolean, hint: "Whether Iterable knows the user; false when it answered {}."),
        FieldSchema(name: "user", type: .object, optional: true, hint: "The profile, when found.", properties: [
            FieldSchema(name: "email", type: .string, optional: true),
            FieldSchema(name: "userId", type: .string, optional: true),
            FieldSchema(name: "dataFields", type: .object, optional: true),
        ]),
    ]

    /// Sends the lookup and shapes its answer as ``outputFields``.
    static func find(_ context: ActionContext, _ path: String, query: [(String, String)]) async throws(ConnectorError) -> JSONValue {
        let answer = try await IterableAPI.call(context, .get, path, query: query)
        guard let user = answer["user"], user.objectValue != nil else { return ["found": false] }
        return ["found": true, "user": user]
    }
}
