import ConnectorKit

/// Posts a message to a Chatter channel and returns its timestamp id (`ts`), which later steps
/// may use to reply in a thread.
public struct PostMessage: Action {
    public let id = "post_message"
    public let summary = "Post a message to a Chatter channel"
    public let inputFields = [
        FieldSchema(name: "channel", type: .string, hint: "A channel name with its # (#alerts) or a channel id (C024BE91L)"),
        FieldSchema(name: "text", type: .string, hint: "The message; Chatter's markdown (*bold*, <url|label>) is allowed"),
        FieldSchema(name: "username", type: .string, optional: true, hint: "Shown instead of the bot's name"),
        FieldSchema(name: "threadTs", type: .string, optional: true, hint: "The ts of a message to reply to in its thread"),
    ]
    public let outputFields = [
        FieldSchema(name: "ts", type: .string, hint: "The message's id in its channel"),
        FieldSchema(name: "channel", type: .string, hint: "The channel id Chatter posted to"),
    ]
    public var samples: [JSONValue] {
        [["channel": "#alerts", "text": "Bounce: ana@example.com (campaign 4711)"]]
    }

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let text = input["text"]?.stringValue, !text.allSatisfy(\.isWhitespace) else {
            throw ConnectorError.invalidInput("\(id): error at /text: empty (hint: Chatter rejects empty messages; map a non-empty text)")
        }
        var body = JSONObject()
        body["channel"] = input["channel"]
        body["text"] = .string(text)
        body["username"] = input["username"]
        body["thread_ts"] = input["threadTs"]
        // Chatter, like Slack, answers 200 with {"ok": false, "error": ...} for refused messages.
        let answer = try await context.sendJSON(.post, "api/chat.postMessage", body: .object(body))
        guard answer["ok"] == .bool(true), let ts = answer["ts"]?.stringValue else {
            let reason = answer["error"]?.stringValue ?? "no ts in the answer"
            throw ConnectorError(.permanent, code: "chatter_refused", message: "\(id): Chatter refused the message: \(reason)",
                                 status: 200, bodyExcerpt: answer.serialized())
        }
        return ["ts": .string(ts), "channel": answer["channel"] ?? input["channel"] ?? .null]
    }
}
