/// How the input files hold samples.
public enum InferenceInputFormat: Sendable, Hashable {
    /// Each file is one JSON sample.
    case json
    /// Each non-blank line is one JSON sample (NDJSON / JSON Lines).
    case ndjson
    /// Each file is a top-level JSON array; each element is one sample.
    case each
    /// Each file is CSV with a header row; each row is one sample keyed by the headers.
    case csv(separator: UInt8)
}
