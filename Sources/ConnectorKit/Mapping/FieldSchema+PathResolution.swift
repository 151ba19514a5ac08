/// Following a path through a schema, to check mapping references before anything runs.
extension FieldSchema {
    /// What a path leads to in a schema.
    enum PathResolution {
        /// The field at the path.
        case found(FieldSchema)
        /// The schema cannot say (an `any` field or a map): accepted unchecked.
        case unchecked
        /// Step `index` names nothing; `suggestion` is a close sibling name.
        case unknown(index: Int, message: String, suggestion: String?)
    }

    /// Resolves member names (array indices and `length` allowed on arrays).
    func resolve(_ segments: [String]) -> PathResolution {
        var current = self
        for (index, segment) in segments.enumerated() {
            switch current.type {
            case .any:
                return .unchecked
            case .object:
                if let properties = current.properties, let next = properties.first(where: { $0.name == segment }) {
                    current = next
                } else if let values = current.additionalProperties?.value {
                    current = values
                } else if let properties = current.properties {
                    return .unknown(index: index, message: "has no member '\(segment)'",
                                    suggestion: Suggestion.closest(to: segment, in: properties.map(\.name)))
                } else {
                    return .unchecked
                }
            case .array:
                if segment == "length" {
                    current = FieldSchema(name: "length", type: .integer)
                } else if JSONValue.canonicalIndex(segment) != nil {
                    guard let item = current.of?.value else { return .unchecked }
                    current = item
                } else {
                    return .unknown(index: index, message: "is an array: use an index such as [0], or {each: ...}", suggestion: nil)
                }
            default:
                return .unknown(index: index, message: "is a \(current.type.rawValue), it has no member '\(segment)'", suggestion: nil)
            }
        }
        return .found(current)
    }
}
