/// An outgoing HTTP request, as an action builds it and an ``HTTPTransport`` sends it.
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// The absolute URL, percent-encoded (build it with ``RequestURL``).
    public var url: String
    public var headers: HTTPHeaders
    /// The body bytes; `nil` for none.
    public var body: [UInt8]?

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The body as text (bodies are UTF-8 JSON or form data).
    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    /// A JSON request: the body serialised, `Content-Type: application/json`.
    public static func json(_ method: HTTPMethod, _ url: String, _ body: JSONValue, headers: HTTPHeaders = [:]) -> HTTPRequest {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: Array(body.serialized().utf8))
        request.headers.replace("Content-Type", "application/json")
        return request
    }

    /// A form request: the fields `application/x-www-form-urlencoded`.
    public static func form(_ method: HTTPMethod, _ url: String, _ fields: [(String, String)], headers: HTTPHeaders = [:]) -> HTTPRequest {
        var request = HTTPRequest(method: method, url: url, headers: headers, body: Array(URLEncoding.form(fields).utf8))
        request.headers.replace("Content-Type", "application/x-www-form-urlencoded")
        return request
    }
}
