import ConnectorKit

/// `trigger_journey`: starts a journey (workflow) for one user or every member of a list
/// (`POST /api/workflows/triggerWorkflow`).
public struct TriggerJourney: Action {
    public let id = "trigger_journey"
    public let summary = "Starts a journey for a user (email or userId) or for every member of a list."
    public var inputFields: [FieldSchema] {
        [IterableFields.integer("workflowId", "The journey's (workflow's) id.", optional: false)]
            + IterableUserIdentity.user.fields(group: "recipient") + [
                FieldSchema(name: "listId", type: .integer, optional: true, hint: "Start it for every member of this list instead of one user.",
                            requiredGroup: "recipient"),
                IterableFields.dataFields("Fields the journey's messages and webhooks can use."),
            ]
    }
    public var outputFields: [FieldSchema] { IterableFields.response }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        try IterableUserIdentity.user.check(input, at: "", action: id)
        return try await IterableAPI.call(context, .post, "api/workflows/triggerWorkflow", body: IterableFields.body(input, inputFields))
    }
}
