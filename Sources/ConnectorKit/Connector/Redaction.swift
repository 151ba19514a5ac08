/// Removing secrets from text and requests before they are printed, logged or stored.
public enum Redaction {
    /// What a removed secret is replaced with.
    public static let marker = "<redacted>"

    /// Headers whose values are credentials whatever they contain.
    public static let sensitiveHeaders: Set<String> = ["authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "set-cookie"]

    /// Secrets shorter than this are left alone: replacing them would garble the text and hide nothing.
    public static let minimumLength = 3

    /// `text` with every occurrence of each secret, as is or percent-encoded, replaced by
    /// ``marker``. Secrets shorter than ``minimumLength`` are ignored; longer secrets are
    /// replaced first, so a secret containing another is replaced whole.
    public static func redact(_ text: String, secrets: [Secret]) -> String {
        Redactor(secrets: secrets).redact(text)
    }

    /// `request` safe to show: credential headers replaced, every secret removed from the URL,
    /// the other headers and the body.
    public static func redacted(_ request: HTTPRequest, secrets: [Secret]) -> HTTPRequest {
        Redactor(secrets: secrets).redacted(request)
    }

    /// Whether a header's value is a credential whatever it holds (``sensitiveHeaders``, any case).
    public static func isSensitiveHeader(_ name: String) -> Bool {
        // A non-ASCII name is lower-cased whole (some characters lower-case to ASCII: K, the
        // Kelvin sign, is k); an ASCII one is compared as header names are, without a copy.
        if name.utf8.contains(where: { $0 >= 0x80 }) { return sensitiveHeaders.contains(name.lowercased()) }
        return sensitiveHeaders.contains { HTTPHeaders.same($0, name) }
    }
}
