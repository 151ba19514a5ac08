import ConnectorKit

/// `list_channels`: the project's message channels (`GET /api/channels`).
public struct ListChannels: Action {
    public let id = "list_channels"
    public let summary = "Lists the project's message channels."
    public var inputFields: [FieldSchema] { [] }
    public var outputFields: [FieldSchema] {
        [FieldSchema(name: "channels", type: .array, hint: "The channels.", of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "id", type: .integer),
            FieldSchema(name: "name", type: .string),
            FieldSchema(name: "channelType", type: .string, hint: "Marketing or Transactional."),
            FieldSchema(name: "messageMedium", type: .string, hint: "Email, Push, SMS, ..."),
        ]))]
    }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let answer = try await IterableAPI.call(context, .get, "api/channels")
        return ["channels": try IterableAPI.member("channels", of: answer, type: .array, action: id)]
    }
}
