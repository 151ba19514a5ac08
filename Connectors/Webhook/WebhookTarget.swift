import ConnectorKit

/// Where a send goes: the connection's base URL joined with the step's `url`.
///
/// The connection fixes the scheme, host and port (DESIGN "Runner → Security"): a step's `url`
/// is a path and query under the base URL (`/users/42?x=1`, its base path kept), or an
/// absolute URL of the same origin. Another origin is refused unless the step sets
/// `allowAnyHost`. Credentials in the URL are refused either way: user info
/// (`https://user:pass@host`) and query parameters that carry keys or tokens (``isCredentialName(_:)``),
/// as Iterable refuses API keys in webhook URLs. Dot segments (`..`) are refused so a path
/// cannot climb out of the base path.
enum WebhookTarget {
    /// The absolute URL for `text` under `base`.
    /// - Throws: ``ConnectorError`` `invalid_input` (never quoting a query value).
    static func resolve(_ text: String, base: RequestURL, allowAnyHost: Bool) throws(ConnectorError) -> RequestURL {
        try refuseCredentialQuery(base.query, in: "the connection's baseURL", hint: "remove it from the baseURL")
        let text = text.trimmingWhitespace
        let lowered = text.lowercased()
        var target: RequestURL
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            do {
                target = try RequestURL(text)
            } catch {
                throw .invalidInput("url: \(error.detail)")
            }
            if !allowAnyHost, !sameOrigin(target, base) {
                throw .invalidInput("url: \(target.origin) is not the connection's origin \(base.origin); a step may fill only the path and query "
                    + "(write a path such as /users/42), or set allowAnyHost: true on the step to send elsewhere")
            }
            target.path = try normalizedPath(target.path)
        } else {
            if text.hasPrefix("//") || text.hasPrefix("\\\\") || hasScheme(text) {
                throw .invalidInput("url: '\(redacted(text))' names another host or scheme; give a path such as /users/42 "
                    + "(or an absolute http(s) URL with allowAnyHost: true)")
            }
            var rest = Substring(text)
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            let question = rest.firstIndex(of: "?")
            let relativePath = try normalizedPath(String(rest[..<(question ?? rest.endIndex)]))
            var query: [(String, String)] = []
            if let question {
                guard let items = URLEncoding.decodeForm(String(rest[rest.index(after: question)...])) else {
                    throw .invalidInput("url: the query of '\(redacted(text))' has a malformed percent escape (write %25 for a literal %)")
                }
                query = items
            }
            target = base
            target.path = join(base.path, relativePath)
            target.query += query
        }
        try refuseCredentialQuery(target.query, in: "url", hint: "send credentials with the connection's auth or headers instead")
        return target
    }

    /// Whether a query parameter named `name` carries a credential: `api_key`, `apikey`,
    /// `api-key`, `key`, `token`, `access_token`, `secret`, `password`, `auth` and their
    /// relatives, compared case-insensitively and ignoring `-`, `_` and `.`.
    static func isCredentialName(_ name: String) -> Bool {
        let folded = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != "." })
        return credentialNames.contains(folded)
    }

    private static let credentialNames: Set<String> = [
        "apikey", "key", "token", "accesstoken", "secret", "password", "passwd", "auth", "authtoken", "authorization",
        "clientsecret", "apitoken", "accesskey", "secretkey", "privatekey", "refreshtoken", "sessiontoken", "idtoken",
    ]

    private static func refuseCredentialQuery(_ query: [(String, String)], in place: String, hint: String) throws(ConnectorError) {
        guard let item = query.first(where: { isCredentialName($0.0) }) else { return }
        throw .invalidInput("\(place): the query parameter '\(item.0)' looks like a credential, and API keys in URLs are refused; \(hint)")
    }

    private static func sameOrigin(_ a: RequestURL, _ b: RequestURL) -> Bool {
        a.scheme == b.scheme && a.host == b.host && effectivePort(a) == effectivePort(b)
    }

    private static func effectivePort(_ url: RequestURL) -> Int {
        url.port ?? (url.scheme == "https" ? 443 : 80)
    }

    /// `scheme:` before any `/`, as in `javascript:` or `ftp://`.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return false }
        let name = text[..<colon]
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// `base` and `relative` joined by exactly one `/`.
    private static func join(_ base: String, _ relative: String) -> String {
        var relative = Substring(relative)
        while relative.hasPrefix("/") { relative = relative.dropFirst() }
        if relative.isEmpty { return base.isEmpty ? "/" : base }
        var base = Substring(base)
        while base.hasSuffix("/") { base = base.dropLast() }
        return base + "/" + relative
    }

    /// `path` with every byte that may not appear raw in a path percent-encoded; valid escapes
    /// (`%40`) are kept, so an already encoded path is not encoded twice.
    /// - Throws: `invalid_input` for `.` and `..` segments.
    static func normalizedPath(_ path: String) throws(ConnectorError) -> String {
        let bytes = Array(path.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out += bytes[index...(index + 2)]
                index += 3
                continue
            }
            if isPathByte(byte) {
                out.append(byte)
            } else {
                out += Array("%".utf8) + hex(byte)
            }
            index += 1
        }
        let normalized = String(decoding: out, as: UTF8.self)
        for segment in normalized.split(separator: "/", omittingEmptySubsequences: false) {
            let decoded = segment.lowercased().replacing("%2e", with: ".")
            if decoded == "." || decoded == ".." {
                throw .invalidInput("url: the path '\(redacted(path))' has a '\(decoded)' segment; write the path without . and .. segments")
            }
        }
        return normalized
    }

    /// RFC 3986 `pchar` and `/`: unreserved, sub-delims, `:` and `@`.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("-._~!$&'()*+,;=:@/".utf8).contains(byte)
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    /// `text` without its query (queries may hold secrets), for messages.
    private static func redacted(_ text: String) -> String {
        guard let question = text.firstIndex(of: "?") else { return text }
        return String(text[..<question]) + "?…"
    }
}

extension String {
    /// The text without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
