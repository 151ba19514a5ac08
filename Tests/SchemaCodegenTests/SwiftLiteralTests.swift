@testable import SchemaCodegen
import Testing

@Suite struct SwiftLiteralTests {
    @Test(arguments: [
        ("system-webhook", "systemWebhook"), ("journey-webhook", "journeyWebhook"), ("emails", "emails"),
        ("SMS_events.v2", "sMSEventsV2"), ("default", "default"), ("a--b", "aB"),
    ])
    func folderNamesBecomeLowerCamelIdentifiers(folder: String, identifier: String) {
        #expect(SwiftIdentifier.lowerCamel(folder) == identifier)
    }

    @Test func namesWithoutALeadingLetterGiveNoIdentifier() {
        #expect(SwiftIdentifier.lowerCamel("2024-events") == nil)
        #expect(SwiftIdentifier.lowerCamel("---") == nil)
        #expect(SwiftIdentifier.lowerCamel("événements") == nil)
    }

    @Test func keywordsAreDeclaredInBackticks() {
        #expect(SwiftIdentifier.declared("default") == "`default`")
        #expect(SwiftIdentifier.declared("systemWebhook") == "systemWebhook")
    }

    @Test(arguments: [
        ("{\"a\":1}", "#\"{\"a\":1}\"#"),
        ("{\"a\":\"x\\\"#y\"}", "##\"{\"a\":\"x\\\"#y\"}\"##"),
        ("\\#(x)", "##\"\\#(x)\"##"),
        ("\"##", "###\"\"##\"###"),
    ])
    func rawStringsHaveMoreHashesThanAnyRunAfterAQuoteOrBackslash(text: String, literal: String) {
        #expect(SwiftLiteral.rawString(text) == literal)
    }

    @Test func textWithLineBreaksGetsAnEscapedLiteral() {
        #expect(SwiftLiteral.rawString("a\u{2028}b") == nil)
        #expect(SwiftLiteral.string("a\u{2028}\"\\(x)\n") == #""a\u{2028}\"\\(x)\n""#)
    }
}
