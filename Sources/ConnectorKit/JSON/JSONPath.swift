/// A location inside a JSON value: member names and array indices.
///
/// Written two ways: dotted (`dataFields.items[0].sku`, with `["odd.key"]` for names that are
/// not plain words) and JSON Pointer (`/dataFields/items/0/sku`, RFC 6901).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    /// The empty path: the value itself.
    public static let root = JSONPath([])

    public init(_ components: [Component]) {
        self.components = components
    }

    /// This path with `component` added at the end.
    public func appending(_ component: Component) -> JSONPath {
        JSONPath(components + [component])
    }

    /// The dotted form.
    public var description: String { dotted }
}

/// A path that could not be parsed: what was wrong and the character offset.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var offset: Int
    public var message: String

    public var description: String { "invalid path '\(path)' at character \(offset + 1): \(message)" }
}
