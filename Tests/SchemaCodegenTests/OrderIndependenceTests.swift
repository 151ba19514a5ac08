import Foundation
import Testing

/// The output depends on the folders and files, never on the order they are given in.
@Suite struct OrderIndependenceTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func shuffledInputGivesTheSameBytes(seed: UInt64) async throws {
        let files = try CodegenFixtures.sampleFiles()
        let expected = try await CodegenFixtures.generate(files)
        var random = SplitMix64(seed: seed)
        let shuffled = files.shuffled(using: &random)
        #expect(shuffled != files)
        #expect(try await CodegenFixtures.generate(shuffled) == expected)
    }

    @Test func repeatedAndRespelledFilesCountOnce() async throws {
        let files = try CodegenFixtures.sampleFiles()
        let expected = try await CodegenFixtures.generate(files)
        let respelled = files.map { $0.replacingOccurrences(of: "/Fixtures/Schemas/", with: "/Fixtures/./Schemas/") }
        #expect(try await CodegenFixtures.generate(files.reversed() + respelled) == expected)
    }
}

/// A small deterministic random generator (SplitMix64) so the shuffles repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
