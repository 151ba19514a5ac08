import ConnectorKit

/// A step's own headers, checked before they go on a request.
enum WebhookHeaders {
    /// Headers the HTTP client writes itself.
    private static let transportManaged: Set<String> = ["host", "content-length", "transfer-encoding", "connection"]

    /// `headers` added to `request` (replacing e.g. its `Content-Type`).
    /// - Throws: `invalid_input` for a malformed name or value, a header the transport sets,
    ///   and a header the connection sets (its auth or custom headers), which a step may not
    ///   override. Values are never quoted: they may hold secrets.
    static func apply(_ headers: [(name: String, value: String)], to request: inout HTTPRequest, connection: Connection) throws(ConnectorError) {
        let connectionHeaders = Set(connection.headers.map { $0.name.lowercased() })
        for header in headers {
            let at = "headers/\(header.name)"
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
                throw .invalidInput("\(at): '\(header.name)' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~)")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw .invalidInput("\(at): the value contains a line break; header values are one line")
            }
            let name = header.name.lowercased()
            if transportManaged.contains(name) {
                throw .invalidInput("\(at): the HTTP client sets this header itself; remove it from the step")
            }
            if name == "authorization", connection.auth != .none {
                throw .invalidInput("\(at): the connection's \(connection.auth.name) authentication sets this header; remove it from the step")
            }
            if connectionHeaders.contains(name) {
                throw .invalidInput("\(at): the connection sets this header; remove it from the step or from the connection's headers")
            }
            request.headers.replace(header.name, header.value)
        }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
