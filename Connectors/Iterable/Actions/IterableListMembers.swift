import ConnectorKit

/// The `subscribers` of the list actions: each names one user by email or userId.
enum IterableListMembers {
    /// The `subscribers` field with each subscriber's `members`.
    static func field(_ hint: String, members: [FieldSchema]) -> FieldSchema {
        FieldSchema(name: "subscribers", type: .array, hint: hint,
                    of: FieldSchema(name: "", type: .object, properties: IterableUserIdentity.user.fields(group: "user") + members))
    }

    /// The subscribers of `input`, each checked and reduced to its declared members.
    static func subscribers(of input: JSONValue, field: FieldSchema, action: String) throws(ConnectorError) -> JSONValue {
        let members = field.of?.value.properties ?? []
        var subscribers: [JSONValue] = []
        for (index, subscriber) in (input["subscribers"]?.arrayValue ?? []).enumerated() {
            try IterableUserIdentity.user.check(subscriber, at: "/subscribers/\(index)", action: action)
            subscribers.append(IterableFields.body(subscriber, members))
        }
        return .array(subscribers)
    }

    /// Sends a list request and shapes its answer as ``IterableBulkResult/outputFields(batched:)``.
    static func send(_ context: ActionContext, _ path: String, body: JSONValue) async throws(ConnectorError) -> JSONValue {
        var result = IterableBulkResult()
        result.add(try await IterableAPI.call(context, .post, path, body: body))
        return result.json(batchCount: nil)
    }
}
