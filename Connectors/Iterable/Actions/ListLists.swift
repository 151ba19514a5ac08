import ConnectorKit

/// `list_lists`: the project's lists (`GET /api/lists`).
public struct ListLists: Action {
    public let id = "list_lists"
    public let summary = "Lists the project's lists."
    public var inputFields: [FieldSchema] { [] }
    public var outputFields: [FieldSchema] {
        [FieldSchema(name: "lists", type: .array, hint: "The lists.", of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "id", type: .integer),
            FieldSchema(name: "name", type: .string),
            FieldSchema(name: "createdAt", type: .integer, optional: true, hint: "Unix time in milliseconds."),
            FieldSchema(name: "listType", type: .string, optional: true, hint: "Standard, Internal, ..."),
            FieldSchema(name: "description", type: .string, optional: true),
        ]))]
    }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let answer = try await IterableAPI.call(context, .get, "api/lists")
        return ["lists": try IterableAPI.member("lists", of: answer, type: .array, action: id)]
    }
}
