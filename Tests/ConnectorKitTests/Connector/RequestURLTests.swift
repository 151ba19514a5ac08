import ConnectorKit
import Testing

@Suite struct RequestURLTests {
    @Test func parsesOriginPathAndDecodedQuery() throws {
        let url = try RequestURL("HTTPS://Api.Iterable.com:8443/api/users/getByEmail?email=a%40b.c&x=1+2#frag")
        #expect(url.scheme == "https")
        #expect(url.host == "api.iterable.com")
        #expect(url.port == 8443)
        #expect(url.path == "/api/users/getByEmail")
        #expect(url.query.map(\.0) == ["email", "x"])
        #expect(url.query.map(\.1) == ["a@b.c", "1 2"])
        #expect(url.origin == "https://api.iterable.com:8443")
    }

    @Test func parsesIPv6HostsNonASCIIPathsAndBareOrigins() throws {
        let v6 = try RequestURL("http://[::1]:8080/x?a=1")
        #expect(v6.host == "[::1]")
        #expect(v6.port == 8080)
        #expect(v6.path == "/x")
        #expect(v6.query.map(\.1) == ["1"])
        let v6NoPort = try RequestURL("https://[2001:DB8::1]/")
        #expect(v6NoPort.host == "[2001:db8::1]")
        #expect(v6NoPort.port == nil)
        let bare = try RequestURL("http://Example.COM?q=é")
        #expect(bare.host == "example.com")
        #expect(bare.path == "")
        #expect(bare.query.map(\.1) == ["é"])
        let unicodePath = try RequestURL("https://x.example/café/ü#frag")
        #expect(unicodePath.path == "/café/ü")
        #expect(throws: HTTPTransportError.self) { try RequestURL("https://x.example:/") }
        #expect(throws: HTTPTransportError.self) { try RequestURL("https://:80/") }
    }

    @Test func buildsEncodedPathsAndQueries() throws {
        let base = try RequestURL("http://127.0.0.1:9000")
        #expect(base.appendingPath("api/users/update").description == "http://127.0.0.1:9000/api/users/update")
        #expect(base.appending("lists", "a b/c").description == "http://127.0.0.1:9000/lists/a%20b%2Fc")
        let withQuery = try RequestURL("https://x.example/base/").appendingPath("users").adding(query: [("email", "a+b@c.d")])
        #expect(withQuery.description == "https://x.example/base/users?email=a%2Bb%40c.d")
    }

    @Test(arguments: ["ftp://x.example", "x.example/path", "https://", "https://user:pw@x.example/", "https://x.example:0/", "https://x.example:99999/",
                      "https://x.example/a b", "https://x.example/?a=%zz"])
    func refusesWhatATransportWouldMisread(_ text: String) {
        #expect(throws: HTTPTransportError.self) { try RequestURL(text) }
    }

    @Test func errorsNeverShowTheQuery() {
        do {
            _ = try RequestURL("https://x.example:99999/?api_key=SECRET")
            Issue.record("a bad port must be refused")
        } catch {
            #expect(!error.description.contains("SECRET"))
        }
    }

    @Test func formEncodingRoundTrips() throws {
        let fields = [("email", "test.user@example.com"), ("city", "San Francisco"), ("note", "a&b=c/ü")]
        let text = URLEncoding.form(fields)
        #expect(text == "email=test.user%40example.com&city=San%20Francisco&note=a%26b%3Dc%2F%C3%BC")
        let back = try #require(URLEncoding.decodeForm(text))
        #expect(back.map(\.0) == fields.map(\.0))
        #expect(back.map(\.1) == fields.map(\.1))
        #expect(URLEncoding.decodeForm("a=%4") == nil)
    }
}
