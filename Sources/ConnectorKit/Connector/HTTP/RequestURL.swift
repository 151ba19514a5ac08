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
        // Byte by byte: every delimiter is ASCII, so UTF-8 offsets are valid string indices.
        // (Parsing by Character cost ~10% of a delivery's CPU: URLs are parsed per request.)
        let utf8 = text.utf8
        let secure: Bool
        if Self.hasPrefixIgnoringCase(utf8, "https://") {
            secure = true
        } else if Self.hasPrefixIgnoringCase(utf8, "http://") {
            secure = false
        } else {
            throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' is not an absolute http:// or https:// URL")
        }
        guard !utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) else {
            throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' contains whitespace")
        }
        scheme = secure ? "https" : "http"
        let start = utf8.index(utf8.startIndex, offsetBy: secure ? 8 : 7)
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        let authorityEnd = utf8[start..<end].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        guard !utf8[start..<authorityEnd].contains(UInt8(ascii: "@")) else {
            throw HTTPTransportError(.invalidURL, "credentials in a URL are refused; use the connection's authentication")
        }
        var portStart: String.Index?
        if utf8[start..<authorityEnd].first == UInt8(ascii: "["), let close = utf8[start..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) {
            let afterClose = utf8.index(after: close)
            host = Self.lowercasedASCII(text[start..<afterClose])
            if afterClose < authorityEnd, utf8[afterClose] == UInt8(ascii: ":") { portStart = afterClose }
        } else {
            let colon = utf8[start..<authorityEnd].firstIndex(of: UInt8(ascii: ":"))
            host = Self.lowercasedASCII(text[start..<(colon ?? authorityEnd)])
            portStart = colon
        }
        if let portStart {
            guard let number = Int(text[utf8.index(after: portStart)..<authorityEnd]), (1...65535).contains(number) else {
                throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has an invalid port")
            }
            port = number
        } else {
            port = nil
        }
        guard !host.isEmpty else { throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has no host") }
        let questionMark = utf8[authorityEnd..<end].firstIndex(of: UInt8(ascii: "?"))
        path = String(text[authorityEnd..<(questionMark ?? end)])
        if let questionMark {
            guard let items = URLEncoding.decodeForm(String(text[utf8.index(after: questionMark)..<end])) else {
                throw HTTPTransportError(.invalidURL, "'\(Self.redactedForError(text))' has a malformed query")
            }
            query = items
        } else {
            query = []
        }
    }

    private static func hasPrefixIgnoringCase(_ utf8: String.UTF8View, _ prefix: StaticString) -> Bool {
        var index = utf8.startIndex
        for expected in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
            guard index < utf8.endIndex else { return false }
            var byte = utf8[index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            guard byte == expected else { return false }
            index = utf8.index(after: index)
        }
        return true
    }

    /// `text` lower-cased; without a copy through Unicode tables when it is ASCII and already lower case.
    private static func lowercasedASCII(_ text: Substring) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }) { return String(text) }
        return text.lowercased()
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
        // Split on the byte `/` (splitting the String walks Characters).
        for segment in relative.utf8.split(separator: UInt8(ascii: "/")) {
            if url.path.utf8.last != UInt8(ascii: "/") { url.path += "/" }
            url.path += URLEncoding.component(String(Substring(segment)))
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
