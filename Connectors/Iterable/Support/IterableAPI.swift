import ConnectorKit

/// How the Iterable actions talk to the API: JSON in and out, with Iterable's
/// `{"msg", "code", "params"}` answers turned into ``ConnectorError``s that carry the code.
enum IterableAPI {
    /// Sends a JSON request to `path` (under the connection's base URL) and returns the answer.
    ///
    /// - A non-2xx answer keeps the status's kind (429/502/503/504 retryable, 401
    ///   authentication, other permanent) and names Iterable's `code` and `msg` in the message.
    /// - A 2xx answer whose `code` is present and not `Success` is an error as well, its kind
    ///   chosen from the code (``IterableResponseCode``).
    /// - Messages and body excerpts never hold the connection's secrets.
    static func call(
        _ context: ActionContext, _ method: HTTPMethod, _ path: String,
        query: [(String, String)] = [], body: JSONValue? = nil
    ) async throws(ConnectorError) -> JSONValue {
        let url = context.url(path, query: query)
        var request = body.map { HTTPRequest.json(method, url, $0) } ?? HTTPRequest(method: method, url: url)
        request.headers.replace("Accept", "application/json")
        let endpoint = "\(method) /\(path)"
        let response: HTTPResponse
        do {
            response = try await context.send(request)
        } catch {
            throw IterableErrors.described(error, endpoint: endpoint, secrets: context.connection.secrets)
        }
        let json: JSONValue
        do {
            json = try ActionContext.json(of: response, for: request)
        } catch {
            throw IterableErrors.redacted(error, secrets: context.connection.secrets)
        }
        if let code = json["code"]?.stringValue, code != IterableResponseCode.success {
            throw IterableErrors.refused(code: code, message: json["msg"]?.stringValue ?? "", status: response.status,
                                         endpoint: endpoint, secrets: context.connection.secrets)
        }
        return json
    }
}

extension IterableAPI {
    /// Member `name` of `answer` when it is a `type`; otherwise a permanent `bad_response`
    /// error of `action` (Iterable answered 2xx without what the endpoint documents).
    static func member(_ name: String, of answer: JSONValue, type: FieldType, action: String) throws(ConnectorError) -> JSONValue {
        let value = answer[name]
        let matches = switch (type, value) {
        case (.integer, .integer?), (.array, .array?): true
        default: false
        }
        guard let value, matches else {
            throw ConnectorError(.permanent, code: "bad_response", message: "\(action): Iterable's answer has no \(type.rawValue) '\(name)'",
                                 bodyExcerpt: String(answer.serialized().prefix(512)))
        }
        return value
    }
}
