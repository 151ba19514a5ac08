/// An absolute http(s) URL split into the parts a connector works with: its origin
/// (scheme, host, port), a path and query items. Parsing is strict enough to refuse what a
/// transport would misread; building percent-encodes every path segment and query item.
public struct RequestURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`, lower case.
    public var scheme: String
    /// The host (a name, an IPv4 address or a bracketed IPv6 address), lower case.
    public var host: String
    public var port: Int?
    /// The path, percent-encoded, starting with `/` (or empty).
    public var path: String
    /// The query items, decoded, in order.
    public var query: [(String, String)]

    /// Parses `text`.
    /// - Throws: ``HTTPTransportError`` (`invalidURL`) saying what is wrong.
    public init(_ text: String) throws(HTTPTransportError) {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' is not an absolute http:// or https:// URL")
        }
        guard !text.contains(where: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }) else {
            throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' contains whitespace")
        }
        scheme = lowered.hasPrefix("https") ? "https" : "http"
        var rest = Substring(text.dropFirst(scheme.count + 3))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        guard !authority.contains("@") else {
            throw HTTPTransportError(.invalidURL, "credentials in a URL are refused; use the connection's authentication")
        }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close]).lowercased()
            authority = authority[authority.index(after: close)...]
            port = nil
        } else {
            let colon = authority.firstIndex(of: ":")
            host = String(authority[..<(colon ?? authority.endIndex)]).lowercased()
            authority = colon.map { authority[$0...] } ?? ""
        }
        if authority.hasPrefix(":") {
            guard let number = Int(authority.dropFirst()), (1...65535).contains(number) else {
                throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has an invalid port")
            }
            port = number
        } else {
            port = nil
        }
        guard !host.isEmpty else { throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has no host") }
        let afterAuthority = rest[authorityEnd...]
        let questionMark = afterAuthority.firstIndex(of: "?")
        path = String(afterAuthority[..<(questionMark ?? afterAuthority.endIndex)])
        if let questionMark {
            guard let items = URLEncoding.decodeForm(String(afterAuthority[afterAuthority.index(after: questionMark)...])) else {
                throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has a malformed query")
            }
            query = items
        } else {
            query = []
        }
    }

    /// `scheme://host[:port]`.
    public var origin: String {
        scheme + "://" + host + (port.map { ":\($0)" } ?? "")
    }

    /// This URL with `segments` appended to its path, each percent-encoded
    /// (`appending("users", "getByEmail")`). A segment may hold `/` to add several at once only
    /// through ``appendingPath(_:)``.
    public func appending(_ segments: String...) -> RequestURL {
        var url = self
        for segment in segments {
            if !url.path.hasSuffix("/") { url.path += "/" }
            url.path += URLEncoding.component(segment)
        }
        return url
    }

    /// This URL with a relative path (`api/users/update`, segments separated by `/`, each
    /// percent-encoded) appended.
    public func appendingPath(_ relative: String) -> RequestURL {
        var url = self
        for segment in relative.split(separator: "/") {
            if !url.path.hasSuffix("/") { url.path += "/" }
            url.path += URLEncoding.component(String(segment))
        }
        return url
    }

    /// This URL with query items added after its existing ones.
    public func adding(query items: [(String, String)]) -> RequestURL {
        var url = self
        url.query += items
        return url
    }

    /// The URL as text.
    public var description: String {
        var text = origin + (path.isEmpty ? "/" : path)
        if !query.isEmpty { text += "?" + URLEncoding.form(query) }
        return text
    }

    public static func == (lhs: RequestURL, rhs: RequestURL) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// `text` without any query string (queries may hold secrets), for error messages.
    static func redactedForError(_ text: String) -> String {
        guard let question = text.firstIndex(of: "?") else { return text }
        return String(text[..<question]) + "?…"
    }
}
