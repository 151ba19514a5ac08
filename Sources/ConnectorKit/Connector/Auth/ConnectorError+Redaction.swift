/// Removing credentials a server echoed back (an echo endpoint, a token endpoint quoting the
/// form it got) from errors, which end up in run logs.
extension ConnectorError {
    /// This error with every occurrence of `secrets` (as given and percent-encoded) in its
    /// message and body excerpt replaced by `<redacted>` (see ``Redaction/redact(_:secrets:)``).
    func redacting(_ secrets: [String]) -> ConnectorError {
        let secrets = secrets.map { Secret($0) }
        var copy = self
        copy.message = Redaction.redact(message, secrets: secrets)
        copy.bodyExcerpt = bodyExcerpt.map { Redaction.redact($0, secrets: secrets) }
        return copy
    }
}

extension HTTPRequest {
    /// The credential parts of this request's `Authorization` header: the whole value and,
    /// after a scheme such as `Basic` or `Bearer`, the credentials alone.
    var authorizationSecrets: [String] {
        guard let value = headers["Authorization"] else { return [] }
        guard let space = value.firstIndex(of: " ") else { return [value] }
        return [value, String(value[value.index(after: space)...])]
    }
}
