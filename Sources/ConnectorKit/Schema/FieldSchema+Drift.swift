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
    /// pick lists are not drift (a schema inferred from samples states them loosely). To check
    /// many values, build a ``SchemaDriftCheck`` once.
    public func drift(of value: JSONValue) -> [SchemaDrift] {
        SchemaDriftCheck(self).drift(of: value)
    }
}
