import ConnectorKit

/// What a send returns for later steps: `{"status": 200, "body": ..., "headers": {...}}`.
///
/// - `status`: the response status (always 2xx: other statuses are errors).
/// - `body`: the parsed JSON when the response says it is JSON (or names no content type) and
///   parses; otherwise the text; `null` when empty. In profile mode, the merged profile.
/// - `headers`: only when the step sets `includeResponseHeaders` (they may hold cookies):
///   lower-case names, repeated fields joined with `, `.
enum WebhookOutput {
    static let fields: [FieldSchema] = [
        FieldSchema(name: "status", type: .integer, hint: "the response status (2xx)"),
        FieldSchema(name: "body", type: .any, hint: "the response's JSON, else its text; null when empty; in profile mode the merged profile"),
        FieldSchema(name: "headers", type: .object, optional: true, hint: "response headers, lower-case names (with includeResponseHeaders)",
                    additionalProperties: FieldSchema(name: "", type: .string)),
    ]

    static func make(_ response: HTTPResponse, body: JSONValue, includeHeaders: Bool) -> JSONValue {
        var output = JSONObject()
        output["status"] = .integer(Int64(response.status))
        output["body"] = body
        if includeHeaders {
            var headers = JSONObject()
            for field in response.headers {
                let name = field.name.lowercased()
                headers[name] = .string(headers[name]?.stringValue.map { $0 + ", " + field.value } ?? field.value)
            }
            output["headers"] = .object(headers)
        }
        return .object(output)
    }

    /// The body of `response` as JSON or text (see the type's documentation).
    static func body(of response: HTTPResponse) -> JSONValue {
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        let saysJSON = response.headers["Content-Type"].map { $0.lowercased().contains("json") } ?? true
        if saysJSON, let json = try? JSONParser.parse(response.body) { return json }
        return .string(response.bodyText)
    }
}
