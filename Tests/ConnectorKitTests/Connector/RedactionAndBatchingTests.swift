import ConnectorKit
import Testing

@Suite struct RedactionTests {
    @Test func removesSecretsFromURLHeadersAndBody() {
        let request = HTTPRequest.json(.post, "https://x.example/hook?sig=abc%2Bdef", ["token": "abc+def", "email": "a@b.c"],
                                       headers: ["Authorization": "Basic dXNlcjpwYXNz", "X-Custom": "key=abc+def"])
        let safe = Redaction.redacted(request, secrets: [Secret("abc+def"), Secret("")])
        #expect(safe.url == "https://x.example/hook?sig=<redacted>")
        #expect(safe.headers["Authorization"] == "<redacted>")
        #expect(safe.headers["X-Custom"] == "key=<redacted>")
        #expect(safe.bodyText == #"{"token":"<redacted>","email":"a@b.c"}"#)
    }
}

@Suite struct BatchingTests {
    @Test func splitsByCountAndBytesInOrder() throws {
        let items: [JSONValue] = (0..<7).map { ["n": .integer(Int64($0))] }
        let byCount = try Batching(maxItems: 3, maxBodyBytes: 1 << 20).batches(items)
        #expect(byCount.map(\.count) == [3, 3, 1])
        #expect(byCount.flatMap { $0 } == items)
        // Each item serialises to 7 bytes ({"n":0}) + 1 separator; 64 envelope bytes.
        let byBytes = try Batching(maxItems: 100, maxBodyBytes: 64 + 8 * 2).batches(items)
        #expect(byBytes.map(\.count) == [2, 2, 2, 1])
    }

    @Test func anItemOverTheLimitAloneIsAnInputError() {
        let big: JSONValue = ["text": .string(String(repeating: "x", count: 500))]
        do {
            _ = try Batching(maxItems: 10, maxBodyBytes: 300).batches([["a": 1], big])
            Issue.record("must fail")
        } catch {
            #expect(error.kind == .permanent)
            #expect(error.message.contains("item 1"))
        }
    }
}

@Suite struct ConnectorErrorTests {
    @Test(arguments: [(429, ConnectorError.Kind.retryable), (502, .retryable), (503, .retryable), (504, .retryable),
                      (401, .authentication), (400, .permanent), (404, .permanent), (409, .permanent), (500, .permanent)])
    func statusesMapToIterablesRetryTable(_ status: Int, _ kind: ConnectorError.Kind) {
        let request = HTTPRequest(method: .post, url: "https://api.example/x?api_key=SECRET")
        let error = ConnectorError.from(HTTPResponse(status: status, headers: ["Retry-After": "7"], body: Array("nope".utf8)), to: request)
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.bodyExcerpt == "nope")
        #expect(error.retryAfter == .seconds(7))
        #expect(!error.description.contains("SECRET"))
    }
}
