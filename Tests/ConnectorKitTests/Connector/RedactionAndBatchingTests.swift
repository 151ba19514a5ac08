import ConnectorKit
import Testing

@Suite struct RedactionTests {
    @Test func sensitiveHeadersAreFoundInAnyCase() {
        for name in ["Authorization", "AUTHORIZATION", "x-api-key", "X-Api-Key", "Api-Key", "Set-Cookie", "X-Api-\u{212A}ey"] {
            #expect(Redaction.isSensitiveHeader(name), "\(name)")
        }
        for name in ["Content-Type", "X-Api-Keys", "Authorizatio", "", "X-Api-Kéy"] {
            #expect(!Redaction.isSensitiveHeader(name), "\(name)")
        }
    }

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

@Suite struct RedactorTests {
    @Test func replacesEveryOccurrenceLongestSecretFirst() {
        let redactor = Redactor(secrets: [Secret("abc"), Secret("abcdef"), Secret("x y"), Secret("ab")])
        #expect(redactor.redact("abcdef abc abcabc") == "<redacted> <redacted> <redacted><redacted>")
        #expect(redactor.redact("x y or x%20y") == "<redacted> or <redacted>", "as is and percent-encoded")
        #expect(redactor.redact("ab is too short to redact") == "ab is too short to redact")
        #expect(redactor.redact("") == "")
        #expect(redactor.redact("héllo abc ünïcode") == "héllo <redacted> ünïcode")
        #expect(redactor.redact("abcde") == "<redacted>de", "a secret at the very end of a longer one's prefix")
    }

    @Test func leavesTextWithoutSecretsAsItIs() {
        let redactor = Redactor(secrets: [Secret("s3cr3t-value")])
        let text = "nothing to hide here, not even s3cr3t-valu"
        #expect(redactor.redact(text) == text)
        #expect(Redactor(secrets: []).redact(text) == text)
    }

    /// Against the plain definition (replace each secret, longest first, as is then encoded), on random text.
    @Test(arguments: 0..<20) func agreesWithReplacingSubstrings(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let alphabet = Array("ab+/ é%2B")
        func text(_ length: Int) -> String { String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
        let secrets = (0..<3).map { _ in Secret(text(3 + Int(random.next() % 3))) }
        let sample = text(60)
        var expected = sample
        for secret in secrets.map(\.exposed).sorted(by: { $0.count > $1.count }) {
            expected = Self.replacingBytes(secret, in: expected)
            let encoded = URLEncoding.component(secret)
            if encoded != secret { expected = Self.replacingBytes(encoded, in: expected) }
        }
        #expect(Redactor(secrets: secrets).redact(sample) == expected, "secrets \(secrets.map(\.exposed)) in \(sample)")
    }

    private static func replacingBytes(_ needle: String, in text: String) -> String {
        let needle = Array(needle.utf8), bytes = Array(text.utf8)
        var output: [UInt8] = [], index = 0
        while index < bytes.count {
            if index + needle.count <= bytes.count, Array(bytes[index..<index + needle.count]) == needle {
                output += Array(Redaction.marker.utf8)
                index += needle.count
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

