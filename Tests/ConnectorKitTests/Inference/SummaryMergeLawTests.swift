import Testing
@testable import ConnectorKit

/// The summary merge is associative, commutative and idempotent, and absorbing a sample equals
/// merging its own summary: the laws that make chunked, parallel inference order-independent.
@Suite struct SummaryMergeLawTests {
    @Test(arguments: 0..<60)
    func mergeLaws(seed: Int) {
        var random = RandomSamples(seed: UInt64(seed))
        let a = ValueSummary.of(random.samples(1 + random.int(6)))
        let b = ValueSummary.of(random.samples(1 + random.int(6)))
        let c = ValueSummary.of(random.samples(1 + random.int(6)))
        #expect(a.merged(b).merged(c) == a.merged(b.merged(c)), "associative")
        #expect(a.merged(b) == b.merged(a), "commutative")
        #expect(a.merged(a) == a, "idempotent")
        #expect(a.merged(ValueSummary()) == a, "empty summary is the identity")
    }

    @Test(arguments: 0..<40)
    func absorbingEqualsMergingAnyChunking(seed: Int) {
        var random = RandomSamples(seed: UInt64(1000 + seed))
        let samples = random.samples(20)
        let whole = ValueSummary.of(samples)
        // Per-sample summaries merged one by one.
        var merged = ValueSummary()
        for sample in samples { merged.merge(.of([sample])) }
        #expect(merged == whole)
        // Random chunks, merged in reverse order.
        var chunks: [ValueSummary] = []
        var start = 0
        while start < samples.count {
            let end = min(samples.count, start + 1 + random.int(7))
            chunks.append(.of(samples[start..<end]))
            start = end
        }
        #expect(chunks.reversed().reduce(ValueSummary()) { $0.merged($1) } == whole)
        // Shuffled order and repeated samples change nothing.
        var shuffled = samples + samples.prefix(5)
        shuffled.shuffle(using: &random)
        #expect(ValueSummary.of(shuffled) == whole)
    }
}
