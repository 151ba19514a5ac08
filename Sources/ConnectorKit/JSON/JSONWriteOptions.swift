/// How ``JSONValue`` is written as text.
public struct JSONWriteOptions: Sendable, Hashable {
    /// Two-space indentation, one member or element per line, `"key": value`.
    public var pretty: Bool
    /// Members in byte order of their names instead of document order.
    public var sortKeys: Bool

    public init(pretty: Bool = false, sortKeys: Bool = false) {
        self.pretty = pretty
        self.sortKeys = sortKeys
    }
}
