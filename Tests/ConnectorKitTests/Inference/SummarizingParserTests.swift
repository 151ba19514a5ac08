import Testing
@testable import ConnectorKit

/// The fused parser (the hot path) must summarise exactly as absorbing the parsed tree does,
/// and refuse exactly what the tree parser refuses.
@Suite struct SummarizingParserTests {
    private func fused(_ text: String, tracking: SummaryTracking = .testing, options: JSONParseOptions = JSONParseOptions()) -> ValueSummary? {
        var summary = ValueSummary()
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBytes { buffer in
            var parser = SummarizingParser(bytes: buffer, options: options, tracking: tracking, sample: 42)
            do {
                try parser.absorbDocument(into: &summary)
                return true
            } catch {
                return false
            }
        }
        return ok ? summary : nil
    }

    private func tree(_ text: String, tracking: SummaryTracking = .testing) throws -> ValueSummary {
        var summary = ValueSummary()
        summary.absorb(try JSONParser.parse(text), sample: 42, tracking: tracking)
        return summary
    }

    @Test(arguments: 0..<40)
    func fusedEqualsTreeOnRandomSamples(seed: Int) throws {
        var random = RandomSamples(seed: UInt64(500 + seed))
        for sample in random.samples(10) {
            for pretty in [false, true] {
                let text = sample.serialized(options: JSONWriteOptions(pretty: pretty))
                let fast = try #require(fused(text), "fused parser refused \(text)")
                #expect(fast == (try tree(text)), "\(text)")
            }
        }
    }

    @Test func fusedSummariesAccumulateLikeTreeSummaries() throws {
        var random = RandomSamples(seed: 77)
        let texts = random.samples(50).map { $0.serialized() }
        var fast = ValueSummary()
        var slow = ValueSummary()
        for text in texts {
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBytes { buffer in
                var parser = SummarizingParser(bytes: buffer, options: JSONParseOptions(), tracking: .testing, sample: 1)
                try parser.absorbDocument(into: &fast)
            }
            slow.absorb(try JSONParser.parse(text), sample: 1, tracking: .testing)
        }
        #expect(fast == slow)
    }

    @Test func escapesAndUnicodeInKeysAndValues() throws {
        let text = #"{"na\u00efve":"caf\u00e9","日本":"ok","x":"a\"b","e":"a@b.example","ws" : [ 1 , 2.5 ] }"#
        let fast = try #require(fused(text))
        #expect(fast == (try tree(text)))
        #expect(fast.object?.position(of: "naïve") != nil)
    }

    @Test(arguments: [
        "{", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}",
        "{\"a\":nul}", "{\"a\":fals}", "{\"a\":\"x}", "{\"a\":\"\u{01}\"}", "{\"a\":[1,]}", "{\"a\":1} x",
        "[1]", "\"s\"", "", "{\"a\":\"\\x\"}", "{\"a\":1e}", "{a:1}",
    ])
    func refusesWhatTheTreeParserRefuses(text: String) {
        #expect(fused(text) == nil, "accepted \(text)")
    }

    @Test func invalidUTF8IsRefused() {
        var bytes = Array("{\"a\":\"xx\"}".utf8)
        bytes[7] = 0xC3 // a lead byte followed by ASCII
        let accepted = bytes.withUnsafeBytes { buffer -> Bool in
            var summary = ValueSummary()
            var parser = SummarizingParser(bytes: buffer, options: JSONParseOptions(), tracking: .testing, sample: 0)
            return (try? parser.absorbDocument(into: &summary)) != nil
        }
        #expect(!accepted)
    }

    @Test func depthLimitAndDuplicatePolicy() {
        let deep = "{\"a\":" + String(repeating: "[", count: 10) + String(repeating: "]", count: 10) + "}"
        #expect(fused(deep, options: JSONParseOptions(maxDepth: 11)) != nil)
        #expect(fused(deep, options: JSONParseOptions(maxDepth: 10)) == nil)
        let duplicate = "{\"a\":1,\"a\":2}"
        #expect(fused(duplicate) != nil)
        #expect(fused(duplicate, options: JSONParseOptions(duplicateKeys: .reject)) == nil)
    }
}
