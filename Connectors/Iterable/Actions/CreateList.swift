import ConnectorKit

/// `create_list`: creates a static list (`POST /api/lists`) and returns its `listId`.
public struct CreateList: Action {
    public let id = "create_list"
    public let summary = "Creates a static list and returns its id."
    public var inputFields: [FieldSchema] {
        [
            FieldSchema(name: "name", type: .string, hint: "The list's name."),
            FieldSchema(name: "description", type: .string, optional: true, hint: "What the list is for."),
        ]
    }
    public var outputFields: [FieldSchema] {
        [IterableFields.integer("listId", "The new list's id.", optional: false)]
    }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        if input["name"]?.stringValue?.isEmpty == true {
            throw IterableErrors.invalidInput(id, at: "/name", "is empty; give the list a name")
        }
        let answer = try await IterableAPI.call(context, .post, "api/lists", body: IterableFields.body(input, inputFields))
        return ["listId": try IterableAPI.member("listId", of: answer, type: .integer, action: id)]
    }
}
