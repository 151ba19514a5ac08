@testable import HooklineRuntime
import Testing

/// A `Content-Type` value's media type, as ingest compares it.
@Suite struct WebhookMediaTypeTests {
    @Test(arguments: [("application/json", "application/json"), ("Application/JSON", "application/json"),
                      ("application/json; charset=utf-8", "application/json"), (" text/json ", "text/json"),
                      ("application/vnd.api+json;v=2", "application/vnd.api+json"), ("", ""),
                      ("application/x-www-form-urlencoded", "application/x-www-form-urlencoded"), ("application/jsonx", "application/jsonx")])
    func mediaType(contentType: String, expected: String) {
        #expect(WebhookBody.mediaType(contentType) == expected)
    }

    @Test func noContentTypeHasNoMediaType() {
        #expect(WebhookBody.mediaType(nil) == "")
    }
}
