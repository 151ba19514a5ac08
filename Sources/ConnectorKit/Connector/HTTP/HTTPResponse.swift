/// A response received by an ``HTTPTransport``.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, or `nil` when it is empty or not JSON.
    public var json: JSONValue? {
        guard !body.isEmpty else { return nil }
        return try? JSONParser.parse(body)
    }

    /// At most `limit` bytes of the body as text, for errors and run logs.
    public func bodyExcerpt(limit: Int = 512) -> String {
        guard body.count > limit else { return bodyText }
        return String(decoding: body.prefix(limit), as: UTF8.self) + "…"
    }

    /// The `Retry-After` header as a delay: seconds, or an HTTP date is ignored (no clock here).
    public var retryAfter: Duration? {
        guard let text = headers["Retry-After"]?.trimmingSpaces, let seconds = Int(text), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
