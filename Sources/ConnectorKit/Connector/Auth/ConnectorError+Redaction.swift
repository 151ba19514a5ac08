/// Removing credentials a server echoed back (an echo endpoint, a token endpoint quoting the
/// form it got) from errors, which end up in run logs.
extension ConnectorError {
    /// This error with every occurrence of `secrets` (as given and percent-encoded) in its
    /// message and body excerpt replaced by `<redacted>`. Values shorter than
    /// ``minimumRedactedLength`` are left alone: replacing them would garble the text and
    /// hide nothing.
    func redacting(_ secrets: [String]) -> ConnectorError {
        var forms = Set<String>()
        for secret in secrets where secret.count >= Self.minimumRedactedLength {
            forms.insert(secret)
            forms.insert(URLEncoding.component(secret))
        }
        guard !forms.isEmpty else { return self }
        // Longest first, so a secret containing another is replaced whole.
        let ordered = forms.sorted { $0.count > $1.count }
        var copy = self
        for form in ordered {
            copy.message = copy.message.replacing(form, with: "<redacted>")
            copy.bodyExcerpt = copy.bodyExcerpt?.replacing(form, with: "<redacted>")
        }
        return copy
    }

    static let minimumRedactedLength = 3
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
