/// A mapping that could not produce the action's input for one event.
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem, each located at the mapping key it comes from.
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
