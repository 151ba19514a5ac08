import ConnectorKit

/// Lists the Cloutly businesses the API key may use (their ids are `send_review_invite`'s
/// `businessId`). Cloutly's answer is a list, or an object holding it under `businesses` or
/// `data` (the shape is unconfirmed).
public struct ListBusinesses: Action {
    public let id = "list_businesses"
    public let summary = "List the Cloutly businesses of the API key"
    public let inputFields: [FieldSchema] = []
    public let outputFields = [
        FieldSchema(name: "businesses", type: .array, hint: "The businesses as Cloutly describes them", of: FieldSchema(name: "", type: .any)),
    ]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let answer = try await context.sendJSON(.get, "api/v1/businesses")
        guard let businesses = answer.arrayValue ?? answer["businesses"]?.arrayValue ?? answer["data"]?.arrayValue else {
            throw ConnectorError(.permanent, code: "bad_response", message: "\(id): Cloutly's answer holds no list of businesses", bodyExcerpt: answer.serialized())
        }
        return ["businesses": .array(businesses)]
    }
}
