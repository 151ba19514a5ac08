/// How schema inference decides, and how much it may read.
public struct InferenceOptions: Sendable {
    /// Turn string fields with few distinct values into enums (off by default: an enum drawn
    /// from samples rejects the next new value).
    public var enums = false
    /// An enum has at most this many distinct values.
    public var maxEnumValues = 8
    /// An enum needs the field in at least this many distinct samples, and in at least twice as
    /// many samples as it has values.
    public var minEnumSamples = 10
    /// An object with more distinct keys than this, whose values all share one type, is a map.
    public var mapThreshold = 50
    /// Per-path decisions that override the heuristics.
    public var overrides: [InferenceOverride] = []
    /// Record the evidence behind each decision (``InferenceResult/notes``).
    public var explain = false
    /// How samples are parsed (depth limit, duplicate keys, invalid UTF-8).
    public var parsing = JSONParseOptions()
    /// The largest sample accepted, in bytes.
    public var maxSampleBytes = 16 << 20
    /// How many samples' worth of work run at once (default: one per core).
    public var jobs = InferenceOptions.defaultJobs

    public init() {}

    /// The processor count of this machine.
    public static var defaultJobs: Int { max(1, ProcessorCount.online) }

    var tracking: SummaryTracking {
        SummaryTracking(
            enums: enums || overrides.contains { $0.rule == .enumerate },
            maxEnumValues: maxEnumValues,
            sampleSketchSize: max(minEnumSamples, 2 * maxEnumValues),
            partialFormats: explain
        )
    }
}
