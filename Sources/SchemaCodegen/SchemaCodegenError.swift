import ConnectorKit

/// Every problem the generator found, each as `FILE[:LINE:COLUMN]: error: message` so that a
/// build shows it against the file.
public struct SchemaCodegenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The problems, in the order of the schemas they belong to.
    public var problems: [InferenceError]

    public init(_ problems: [InferenceError]) {
        self.problems = problems
    }

    /// One problem with a whole file or folder (no line or column).
    public init(file: String, message: String) {
        self.init([InferenceError(file: file, message: message)])
    }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
