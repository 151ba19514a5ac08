/// The `code` member of Iterable's answers, and what each kind of failure means for a retry.
enum IterableResponseCode {
    /// The code of an accepted request.
    static let success = "Success"

    /// Codes that may succeed when the same request is sent again later.
    static let retryable: Set<String> = ["RateLimitExceeded", "DatabaseError"]

    /// Codes saying the API key was refused.
    static let authentication: Set<String> = ["BadApiKey", "BadAuthorizationHeader", "Unauthorized"]
}
