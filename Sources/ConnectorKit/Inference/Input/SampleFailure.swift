/// Why a sample was refused, and where (a byte offset into the buffer being read).
struct SampleFailure: Sendable, Hashable {
    var offset: Int
    var message: String
}

/// What summarising a run of samples produced: the summary, or the first failure.
struct ChunkOutcome: Sendable {
    var summary = ValueSummary()
    var failure: SampleFailure?
}
