import ConnectorKit

/// A request the ``LoopbackServer`` received, as it arrived on the socket.
public struct RecordedRequest: Sendable, Hashable, CustomStringConvertible {
    /// The method as sent (`POST`).
    public var method: String
    /// The request target as sent: path and query, percent-encoded (`/api/users/getByEmail?email=a%40b.c`).
    public var uri: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(method: String, uri: String, headers: HTTPHeaders, body: [UInt8]) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The path, still percent-encoded (`/api/users/update`).
    public var path: String {
        String(uri[..<(uri.firstIndex(of: "?") ?? uri.endIndex)])
    }

    /// The query items, decoded, in order.
    public var query: [(String, String)] {
        guard let question = uri.firstIndex(of: "?") else { return [] }
        return URLEncoding.decodeForm(String(uri[uri.index(after: question)...])) ?? []
    }

    /// The first query item named `name`, decoded.
    public func queryItem(_ name: String) -> String? {
        query.first { $0.0 == name }?.1
    }

    /// The body as text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON; `nil` when empty or not JSON.
    public var json: JSONValue? {
        body.isEmpty ? nil : try? JSONParser.parse(body)
    }

    /// The body decoded as `application/x-www-form-urlencoded`; `nil` when malformed.
    public var form: [(String, String)]? {
        URLEncoding.decodeForm(bodyText)
    }

    public static func == (lhs: RecordedRequest, rhs: RecordedRequest) -> Bool {
        lhs.method == rhs.method && lhs.uri == rhs.uri && lhs.headers == rhs.headers && lhs.body == rhs.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(uri)
        hasher.combine(body)
    }

    public var description: String {
        "\(method) \(uri)\n\(headers)\n\n\(bodyText)"
    }
}
