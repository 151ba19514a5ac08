/// A schema compiled for checking many events for drift (``SchemaDrift``): member lookups by
/// hash, required members listed once, and paths spelled only for what drifts. Build one per
/// schema and keep it; ``FieldSchema/drift(of:)`` builds one per call.
public final class SchemaDriftCheck: Sendable {
    private let schema: FieldSchema
    /// The listed members by name; `nil` when the schema lists none.
    private let members: [String: SchemaDriftCheck]?
    /// The members that must be present, in the schema's order.
    private let required: [String]
    /// The schema of unlisted members (a map's values, an open object's others).
    private let others: SchemaDriftCheck?
    private let item: SchemaDriftCheck?

    public init(_ schema: FieldSchema) {
        var trimmed = schema
        trimmed.properties = nil
        trimmed.additionalProperties = nil
        trimmed.of = nil
        self.schema = trimmed
        members = schema.properties.map { properties in
            Dictionary(properties.map { ($0.name, SchemaDriftCheck($0)) }, uniquingKeysWith: { first, _ in first })
        }
        required = (schema.properties ?? []).filter { !$0.optional }.map(\.name)
        others = schema.additionalProperties.map { SchemaDriftCheck($0.value) }
        item = schema.of.map { SchemaDriftCheck($0.value) }
    }

    /// Every drift of `value`, each path once, in document order.
    public func drift(of value: JSONValue) -> [SchemaDrift] {
        var found: [SchemaDrift] = []
        var path: [String] = []
        collect(value, path: &path, into: &found)
        guard found.count > 1 else { return found }
        var seen = Set<SchemaDrift>()
        return found.filter { seen.insert($0).inserted }
    }

    private static func pointer(_ path: [String], _ last: String? = nil) -> String {
        var text = ""
        for segment in path { text += "/" + segment }
        if let last { text += "/" + last }
        return text
    }

    private func collect(_ value: JSONValue, path: inout [String], into found: inout [SchemaDrift]) {
        if value.isNull {
            if !schema.nullable, schema.type != .any { found.append(SchemaDrift(.typeChanged, at: Self.pointer(path), found: "null")) }
            return
        }
        guard schema.matchesType(value) else {
            found.append(SchemaDrift(.typeChanged, at: Self.pointer(path), found: value.typeName))
            return
        }
        switch value {
        case .object(let object):
            guard members != nil || others != nil else { return }
            for member in object {
                if let check = members?[member.key] {
                    path.append(JSONPath.pointerToken(member.key))
                    check.collect(member.value, path: &path, into: &found)
                    path.removeLast()
                } else if let others {
                    path.append(members == nil ? "*" : JSONPath.pointerToken(member.key))
                    others.collect(member.value, path: &path, into: &found)
                    path.removeLast()
                } else {
                    found.append(SchemaDrift(.unknownMember, at: Self.pointer(path, JSONPath.pointerToken(member.key)), found: member.value.typeName))
                }
            }
            for name in required where object[name] == nil {
                found.append(SchemaDrift(.requiredMissing, at: Self.pointer(path, JSONPath.pointerToken(name))))
            }
        case .array(let elements):
            guard let item else { return }
            path.append("*")
            for element in elements { item.collect(element, path: &path, into: &found) }
            path.removeLast()
        default:
            break
        }
    }
}
