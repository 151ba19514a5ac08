/// What a mapped field does when its source has no value (absent; for non-string targets also
/// the empty string, which Iterable sends for "no value").
public enum MappingOnMissing: String, Sendable, Hashable, CaseIterable {
    /// Leave the field out of the action's input (Iterable's rule; the default).
    case omit
    /// Send `null`.
    case null
    /// Send the field's `default`.
    case `default`
    /// Stop with an error naming the field and its source.
    case fail
}
