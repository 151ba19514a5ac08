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
        var text = text
        for secret in secrets.map(\.exposed).filter({ $0.count >= minimumLength }).sorted(by: { $0.count > $1.count }) {
            text = text.replacing(secret, with: marker)
            let encoded = URLEncoding.component(secret)
            if encoded != secret { text = text.replacing(encoded, with: marker) }
        }
        return text
    }

    /// `request` safe to show: credential headers replaced, every secret removed from the URL,
    /// the other headers and the body.
    public static func redacted(_ request: HTTPRequest, secrets: [Secret]) -> HTTPRequest {
        var copy = request
        copy.url = redact(request.url, secrets: secrets)
        var headers = HTTPHeaders()
        for field in request.headers {
            let sensitive = sensitiveHeaders.contains(field.name.lowercased())
            headers.add(field.name, sensitive ? marker : redact(field.value, secrets: secrets))
        }
        copy.headers = headers
        if let text = request.bodyText { copy.body = Array(redact(text, secrets: secrets).utf8) }
        return copy
    }
}
