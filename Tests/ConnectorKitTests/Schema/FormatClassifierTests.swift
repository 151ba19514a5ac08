import Testing
@testable import ConnectorKit

@Suite struct FormatClassifierTests {
    @Test(arguments: [
        ("2026-01-02T03:04:05Z", FormatSet.dateTime), ("2026-01-02t03:04:05.123+05:30", .dateTime),
        ("2024-02-29T00:00:00-00:00", .dateTime), ("2026-12-31T23:59:60z", .dateTime),
        ("2026-01-02", .date), ("2024-02-29", .date), ("2000-02-29", .date),
        ("03:04:05Z", .time), ("23:59:59.5+01:00", .time),
        ("a@example.com", .email), ("first.last+tag@mail.example.co.uk", .email),
        ("https://shop.example.com/p/1?utm_source=iterable", .uri), ("mailto:a@b.example", .uri), ("urn:isbn:0451450523", .uri),
        ("https://x.example/%20a#frag", .uri), ("http://[::1]:8080/p", .uri), ("http://user:pw@host.example:443/a?b=c", .uri),
        ("1b4e28ba-2fa1-11d2-883f-0016d3cca427", .uuid), ("1B4E28BA-2FA1-11D2-883F-0016D3CCA427", .uuid),
        ("+14155550100", .phone), ("+12", .phone), ("+123456789012345", .phone),
    ] as [(String, FormatSet)])
    func matches(text: String, format: FormatSet) {
        #expect(FormatClassifier.classify(text).contains(format), "\(text)")
    }

    @Test(arguments: [
        ("2026-03-04 05:06:07 +00:00", FormatSet.dateTime), ("2026-01-02T03:04:05", .dateTime), ("2026-01-02T24:00:00Z", .dateTime),
        ("2026-01-02T03:04:61Z", .dateTime), ("2026-01-02T03:04:05+24:00", .dateTime), ("2026-01-02T03:04:05.Z", .dateTime),
        ("2023-02-29", .date), ("1900-02-29", .date), ("2026-13-01", .date), ("2026-04-31", .date), ("2026-1-02", .date),
        ("2026-01-00", .date), ("03:04:05", .time), ("3:04:05Z", .time),
        ("", .email), ("a@b", .email), ("a b@example.com", .email), ("a@@example.com", .email), (".a@example.com", .email),
        ("a..b@example.com", .email), ("a@-x.example", .email), ("a@x..example", .email), ("<a>@example.com", .email),
        ("", .uri), ("no scheme", .uri), ("http://a b", .uri), ("http://x/%zz", .uri), ("1http://x", .uri), ("http://x/é", .uri),
        ("http://x/#a#b", .uri), (":x", .uri), ("a:[", .uri), ("a:b[c]", .uri), ("http://x/a[1]", .uri),
        ("http://a:b:c", .uri), ("http://ex.com:80x/", .uri), ("http://a@b@c/", .uri),
        ("1b4e28ba-2fa1-11d2-883f-0016d3cca42", .uuid), ("1b4e28ba2fa111d2883f0016d3cca427", .uuid), ("1b4e28ba-2fa1-11d2-883f-0016d3cca42g", .uuid),
        ("+0123", .phone), ("+1", .phone), ("+1234567890123456", .phone), ("14155550100", .phone), ("+1 415 555", .phone),
    ] as [(String, FormatSet)])
    func rejects(text: String, format: FormatSet) {
        #expect(!FormatClassifier.classify(text).contains(format), "\(text)")
    }

    @Test func matchesByFieldFormat() {
        #expect(FormatClassifier.matches("a@example.com", .email))
        #expect(!FormatClassifier.matches("a@example.com", .uri))
        #expect(!FormatClassifier.matches("anything", FieldFormat(rawValue: "hostname")))
    }
}
