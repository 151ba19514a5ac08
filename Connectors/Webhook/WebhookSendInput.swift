import ConnectorKit

/// The input of ``SendWebhook``, read from the step's mapped JSON (already checked against the
/// action's input fields). A `null` counts as absent.
public struct WebhookSendInput: JSONConvertible, Sendable, Hashable {
    /// The body encodings a send supports.
    public enum Format: String, Sendable, Hashable {
        /// `application/json`.
        case json
        /// `application/x-www-form-urlencoded`; nested values are JSON-serialised.
        case form
    }

    /// The method; `POST` by default, `GET` by default in profile mode.
    public var method: HTTPMethod
    /// A path and query under the connection's base URL, or an absolute URL of the same origin.
    public var url: String
    /// Headers added to the request (the connection's auth and headers cannot be overridden).
    public var headers: [(name: String, value: String)]
    /// The fields sent (or, in profile mode, merged over the profile).
    public var body: JSONObject
    public var format: Format
    /// Adds `email` and `workflowId` to the body.
    public var includeEmailAndWorkflowId: Bool
    public var email: String?
    public var workflowId: JSONValue?
    /// The GET "update user profile" mode.
    public var profile: Bool
    /// Lets `url` name another origin than the connection's base URL.
    public var allowAnyHost: Bool
    /// Puts the response headers in the output.
    public var includeResponseHeaders: Bool

    public init(json: JSONValue) throws {
        func present(_ key: String) -> JSONValue? {
            guard let value = json[key], !value.isNull else { return nil }
            return value
        }
        func flag(_ key: String) -> Bool {
            if case .bool(let value)? = present(key) { return value }
            return false
        }
        profile = flag("profile")
        includeEmailAndWorkflowId = flag("includeEmailAndWorkflowId")
        allowAnyHost = flag("allowAnyHost")
        includeResponseHeaders = flag("includeResponseHeaders")
        method = present("method")?.stringValue.map(HTTPMethod.init(rawValue:)) ?? (profile ? .get : .post)
        guard let url = present("url")?.stringValue else { throw ConnectorError.invalidInput("send: 'url' is required") }
        self.url = url
        headers = (present("headers")?.objectValue ?? JSONObject()).compactMap { member in
            member.value.stringValue.map { (name: member.key, value: $0) }
        }
        body = present("body")?.objectValue ?? JSONObject()
        format = present("format")?.stringValue.flatMap(Format.init(rawValue:)) ?? .json
        email = present("email")?.stringValue
        workflowId = present("workflowId")
    }

    public var json: JSONValue {
        var object = JSONObject()
        object["method"] = .string(method.rawValue)
        object["url"] = .string(url)
        if !headers.isEmpty { object["headers"] = .object(JSONObject(headers.map { ($0.name, JSONValue.string($0.value)) })) }
        if !body.isEmpty { object["body"] = .object(body) }
        object["format"] = .string(format.rawValue)
        if includeEmailAndWorkflowId { object["includeEmailAndWorkflowId"] = true }
        if let email { object["email"] = .string(email) }
        if let workflowId { object["workflowId"] = workflowId }
        if profile { object["profile"] = true }
        if allowAnyHost { object["allowAnyHost"] = true }
        if includeResponseHeaders { object["includeResponseHeaders"] = true }
        return .object(object)
    }

    public static func == (lhs: WebhookSendInput, rhs: WebhookSendInput) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }
}
