/// The evidence behind one inference decision, for `--explain`.
public struct InferenceNote: Sendable, Hashable, CustomStringConvertible {
    /// Where the decision applies, as a JSON Pointer into the samples (`*` = every item/value).
    public var path: String
    /// What was decided and why.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path.isEmpty ? "(root)" : path): \(message)" }
}
