/// How ``JSONParser`` treats input that JSON's grammar allows but a program may not want.
public struct JSONParseOptions: Sendable, Hashable {
    /// What to do when an object repeats a key.
    public enum DuplicateKeyPolicy: Sendable, Hashable {
        /// The key keeps its first position and takes the last value (what JavaScript and
        /// Python do, so what most webhook senders' own tools see).
        case lastWins
        /// The first value wins; later ones are ignored.
        case firstWins
        /// A repeated key is an error at its offset.
        case reject
    }

    /// What to do with bytes that are not UTF-8, and with unpaired surrogate escapes (`"\ud800"`).
    public enum InvalidUTF8Policy: Sendable, Hashable {
        /// An error at the offending byte.
        case reject
        /// Replace each bad sequence with U+FFFD.
        case replace
    }

    /// Containers nested deeper than this are an error (the document itself is depth 1).
    public var maxDepth: Int
    public var duplicateKeys: DuplicateKeyPolicy
    public var invalidUTF8: InvalidUTF8Policy

    public init(maxDepth: Int = 256, duplicateKeys: DuplicateKeyPolicy = .lastWins, invalidUTF8: InvalidUTF8Policy = .reject) {
        self.maxDepth = maxDepth
        self.duplicateKeys = duplicateKeys
        self.invalidUTF8 = invalidUTF8
    }
}
