/// What absorbing a sample records beyond kinds and structure, fixed for one inference run.
struct SummaryTracking: Sendable, Hashable {
    /// Collect string values and sample fingerprints for enum detection.
    var enums: Bool
    /// How many distinct values an enum may have (the value sketch keeps one more).
    var maxEnumValues: Int
    /// How many sample fingerprints to keep (enough to tell "seen in at least n samples").
    var sampleSketchSize: Int
    /// Also track formats matched by only some values (for `--explain`).
    var partialFormats: Bool

    /// Strings longer than this (in UTF-8 bytes) are never enum values.
    static let maxEnumValueLength = 64
}
