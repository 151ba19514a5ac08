import ConnectorKit

/// Builds the Iterable actions' errors: Iterable's `code` and `msg` in the message, the
/// connection's secrets never.
enum IterableErrors {
    /// `error` (a non-2xx answer, or no answer) with Iterable's code and message when the body
    /// holds them: `POST /api/users/update: Iterable answered 400 BadParams: <msg>`.
    static func described(_ error: ConnectorError, endpoint: String, secrets: [Secret]) -> ConnectorError {
        var error = error
        if let status = error.status {
            let answer = error.bodyExcerpt.flatMap { try? JSONParser.parse($0) }
            if let code = answer?["code"]?.stringValue {
                let detail = answer?["msg"]?.stringValue ?? ""
                error.message = "\(endpoint): Iterable answered \(status) \(code)" + (detail.isEmpty ? "" : ": \(detail)")
            } else {
                error.message = "\(endpoint): Iterable answered \(status)"
            }
        } else {
            error.message = "\(endpoint): \(error.message)"
        }
        return redacted(error, secrets: secrets)
    }

    /// The error for a 2xx answer whose `code` is not `Success`.
    static func refused(code: String, message: String, status: Int, endpoint: String, secrets: [Secret]) -> ConnectorError {
        let kind: ConnectorError.Kind =
            if IterableResponseCode.retryable.contains(code) { .retryable }
            else if IterableResponseCode.authentication.contains(code) { .authentication }
            else { .permanent }
        let text = "\(endpoint): Iterable answered \(status) with code \(code)" + (message.isEmpty ? "" : ": \(message)")
        return redacted(ConnectorError(kind, code: "iterable_error", message: text, status: status), secrets: secrets)
    }

    /// `error` with every secret value in its message and body excerpt replaced by `<redacted>`.
    static func redacted(_ error: ConnectorError, secrets: [Secret]) -> ConnectorError {
        var error = error
        error.message = Redaction.redact(error.message, secrets: secrets)
        error.bodyExcerpt = error.bodyExcerpt.map { Redaction.redact($0, secrets: secrets) }
        return error
    }

    /// An `invalid_input` error of action `action` about the member at JSON Pointer `pointer`.
    static func invalidInput(_ action: String, at pointer: String, _ problem: String) -> ConnectorError {
        .invalidInput("\(action): \(pointer): \(problem)")
    }
}
