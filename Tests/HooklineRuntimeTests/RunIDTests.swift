import Testing
@testable import HooklineRuntime

@Suite struct RunIDTests {
    @Test func idsAreTimeOrderedUniqueAndWellFormed() {
        let alphabet = Set("0123456789abcdefghjkmnpqrstvwxyz")
        let ids = (0..<10_000).map { RunID.make(now: 1_800_000_000 + Double($0 / 100) * 0.001) }
        #expect(Set(ids).count == ids.count, "unique, ten thousand ids in 100 milliseconds")
        #expect(ids.allSatisfy { $0.hasPrefix("run_") && $0.count == 24 && $0.dropFirst(4).allSatisfy(alphabet.contains) })
        // Ids of later milliseconds sort after earlier ones (the random part orders ids within one).
        let firstOfEachMillisecond = stride(from: 0, to: ids.count, by: 100).map { ids[$0] }
        #expect(firstOfEachMillisecond == firstOfEachMillisecond.sorted())
        #expect(RunID.make(now: 1_800_000_000.002) > RunID.make(now: 1_800_000_000.001))
        #expect(RunID.make(now: 2_000_000_000) > RunID.make(now: 1_999_999_999.999))
    }
}
