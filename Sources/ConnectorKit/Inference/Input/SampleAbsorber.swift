#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses samples from a byte buffer and absorbs them into a summary.
struct SampleAbsorber: Sendable {
    let options: InferenceOptions
    let tracking: SummaryTracking

    init(options: InferenceOptions) {
        self.options = options
        self.tracking = options.tracking
    }

    /// Parses the one sample in `bytes[range]` into `summary`.
    func absorb(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, into summary: inout ValueSummary) -> SampleFailure? {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if slice.count > options.maxSampleBytes {
            return SampleFailure(offset: range.lowerBound, message: "sample of \(slice.count) bytes is larger than the limit of \(options.maxSampleBytes) bytes")
        }
        let fingerprint = tracking.enums ? SampleFingerprint.of(slice) : 0
        var parser = SummarizingParser(bytes: slice, options: options.parsing, tracking: tracking, sample: fingerprint)
        do {
            try parser.absorbDocument(into: &summary)
            return nil
        } catch {
            // The fast path stopped: the tree parser says precisely what is wrong.
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(slice, options: options.parsing)
        } catch {
            return SampleFailure(offset: range.lowerBound + error.offset, message: error.message)
        }
        guard case .object = value else {
            var start = range.lowerBound
            while start < range.upperBound, Self.isWhitespace(bytes[start]) { start += 1 }
            return SampleFailure(offset: start, message: "a sample must be a JSON object, found \(value.typeName) (use --each for a top-level array of samples)")
        }
        // Valid JSON the fast path did not take: absorb the tree (idempotent for what the
        // fast path already recorded of this sample).
        summary.absorb(value, sample: fingerprint, tracking: tracking)
        return nil
    }

    /// Absorbs every non-blank line of `bytes[range]` (NDJSON), stopping at the first failure.
    func absorbLines(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, progress: SchemaInferrer.Progress? = nil) -> ChunkOutcome {
        var outcome = ChunkOutcome()
        var start = range.lowerBound
        var reported = start
        defer { progress?(min(start, range.upperBound) - reported) }
        while start < range.upperBound {
            if let progress, start - reported >= Self.progressStep {
                progress(start - reported)
                reported = start
            }
            let end = Self.nextNewline(in: bytes, from: start, before: range.upperBound)
            var first = start
            while first < end, Self.isWhitespace(bytes[first]) { first += 1 }
            if first < end, let failure = absorb(bytes, range: start..<end, into: &outcome.summary) {
                outcome.failure = failure
                return outcome
            }
            start = end + 1
        }
        return outcome
    }

    /// Absorbs each range of `ranges` as one sample, stopping at the first failure.
    func absorbEach(_ bytes: UnsafeRawBufferPointer, ranges: some Collection<Range<Int>>) -> ChunkOutcome {
        var outcome = ChunkOutcome()
        for range in ranges {
            if let failure = absorb(bytes, range: range, into: &outcome.summary) {
                outcome.failure = failure
                return outcome
            }
        }
        return outcome
    }

    /// Lines report progress about every this many bytes.
    static let progressStep = 1 << 20

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The index of the next `\n` at or after `start`, or `end`.
    static func nextNewline(in bytes: UnsafeRawBufferPointer, from start: Int, before end: Int) -> Int {
        guard start < end, let base = bytes.baseAddress else { return end }
        guard let found = memchr(base + start, 0x0A, end - start) else { return end }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
