/// What inference produced.
public struct InferenceResult: Sendable {
    /// The root object schema; every sample validates against it.
    public var schema: FieldSchema
    /// The evidence behind each decision (only with ``InferenceOptions/explain``).
    public var notes: [InferenceNote]
    /// Problems that did not stop inference, e.g. an override whose path matched nothing.
    public var warnings: [String]
}
