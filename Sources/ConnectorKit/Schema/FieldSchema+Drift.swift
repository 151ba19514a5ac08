/// How an event departs from the schema it was expected to follow: a flow's pinned or sampled
/// schema, compared with what senders really send (like a tracking plan's violations).
public struct SchemaDrift: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A member the schema does not list, where it lists an object's members.
        case unknownMember = "unknown_member"
        /// A value of a type the schema does not allow (null where it is not nullable included).
        case typeChanged = "type_changed"
        /// A member the schema requires is absent.
        case requiredMissing = "required_missing"
    }

    public var kind: Kind
    /// Where, as a JSON Pointer; array items are `*` (`/items/*/sku`), so one drift is one path.
    public var path: String
    /// What was found: the value's type, or nothing for a missing member.
    public var found: String?

    public init(_ kind: Kind, at path: String, found: String? = nil) {
        self.kind = kind
        self.path = path
        self.found = found
    }

    public var description: String {
        switch kind {
        case .unknownMember: "\(path): a member the schema does not know (\(found ?? "?"))"
        case .typeChanged: "\(path): \(found ?? "?"), a type the schema does not allow"
        case .requiredMissing: "\(path): a required member is missing"
        }
    }
}

extension FieldSchema {
    /// Every drift of `value` from this schema, each path once, in document order. Formats and
    /// pick lists are not drift (a schema inferred from samples states them loosely).
    public func drift(of value: JSONValue) -> [SchemaDrift] {
        var found: [SchemaDrift] = []
        collectDrift(value, at: "", into: &found)
        guard found.count > 1 else { return found }
        var seen = Set<SchemaDrift>()
        return found.filter { seen.insert($0).inserted }
    }

    private func collectDrift(_ value: JSONValue, at path: String, into found: inout [SchemaDrift]) {
        if value.isNull {
            if !nullable, type != .any { found.append(SchemaDrift(.typeChanged, at: path, found: "null")) }
            return
        }
        guard matchesType(value) else {
            found.append(SchemaDrift(.typeChanged, at: path, found: value.typeName))
            return
        }
        switch value {
        case .object(let object):
            for property in properties ?? [] {
                let at = path + "/" + JSONPath.pointerToken(property.name)
                if let member = object[property.name] {
                    property.collectDrift(member, at: at, into: &found)
                } else if !property.optional {
                    found.append(SchemaDrift(.requiredMissing, at: at))
                }
            }
            let values = additionalProperties?.value
            guard properties != nil || values != nil else { return }
            let known = Set((properties ?? []).map(\.name))
            for (key, member) in object where !known.contains(key) {
                let at = path + "/" + (properties == nil ? "*" : JSONPath.pointerToken(key))
                if let values {
                    values.collectDrift(member, at: at, into: &found)
                } else {
                    found.append(SchemaDrift(.unknownMember, at: at, found: member.typeName))
                }
            }
        case .array(let elements):
            guard let item = of?.value else { return }
            for element in elements { item.collectDrift(element, at: path + "/*", into: &found) }
        default:
            break
        }
    }
}
