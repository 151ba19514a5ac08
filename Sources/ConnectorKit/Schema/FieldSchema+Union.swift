/// The union of two schemas: what a value valid against either is, by the rules `schema infer`
/// merges samples with. A flow's source schema is its trigger's schema united with what the
/// flow's own samples give.
extension FieldSchema {
    /// A schema every value valid against `self` or `other` is valid against.
    ///
    /// - An object member that only one side has becomes optional; members keep `self`'s order,
    ///   then `other`'s new ones.
    /// - Types widen: integer and number give number; date, date-time and string give string;
    ///   other different types give `any`. `null` on either side makes the union nullable.
    /// - A format, pick list or required group stays only where both sides agree (pick lists
    ///   are joined); labels, hints and defaults come from `self`, else `other`.
    public func union(_ other: FieldSchema) -> FieldSchema {
        united(with: other, othersOwnMembersKeepPresence: false)
    }

    /// `self` extended with `samples`, a schema inferred from events of this very source: as
    /// ``union(_:)``, except that the samples decide whether a member they have may be absent.
    /// `self` (a trigger's schema from the connector's samples) may list members a given source
    /// never sends, so those become optional; what every one of the source's own samples holds
    /// stays required.
    public func extended(with samples: FieldSchema) -> FieldSchema {
        united(with: samples, othersOwnMembersKeepPresence: true)
    }

    private func united(with other: FieldSchema, othersOwnMembersKeepPresence keep: Bool) -> FieldSchema {
        var merged = self
        merged.optional = keep ? other.optional : optional || other.optional
        merged.nullable = nullable || other.nullable
        merged.label = label ?? other.label
        merged.hint = hint ?? other.hint
        merged.defaultValue = defaultValue ?? other.defaultValue
        merged.controlType = controlType == other.controlType ? controlType : nil
        merged.requiredGroup = requiredGroup == other.requiredGroup ? requiredGroup : nil
        merged.type = Self.widened(type, other.type)
        merged.format = format == other.format && Self.isText(merged.type) ? format : nil
        merged.pickList = pickList.flatMap { mine in
            other.pickList.map { theirs in mine + theirs.filter { !mine.contains($0) } }
        }
        switch merged.type {
        case .object where type == .object && other.type == .object:
            merged.properties = Self.unitedMembers(properties, other.properties, keep: keep)
            merged.additionalProperties = Self.united(additionalProperties?.value, other.additionalProperties?.value, keep: keep).map(Box.init)
            merged.of = nil
        case .array where type == .array && other.type == .array:
            merged.of = Self.united(of?.value, other.of?.value, keep: keep).map(Box.init)
            merged.properties = nil
            merged.additionalProperties = nil
        default:
            merged.properties = nil
            merged.additionalProperties = nil
            merged.of = nil
        }
        return merged
    }

    /// The members of two objects united. `nil` on a side means the side does not list its
    /// members (an open object): the union lists none either.
    private static func unitedMembers(_ left: [FieldSchema]?, _ right: [FieldSchema]?, keep: Bool) -> [FieldSchema]? {
        guard let left, let right else { return nil }
        var members: [FieldSchema] = []
        for member in left {
            if let match = right.first(where: { $0.name == member.name }) {
                members.append(member.united(with: match, othersOwnMembersKeepPresence: keep))
            } else {
                var only = member
                only.optional = true
                members.append(only)
            }
        }
        for member in right where !left.contains(where: { $0.name == member.name }) {
            var only = member
            if !keep { only.optional = true }
            members.append(only)
        }
        return members
    }

    /// Item or map-value schemas united; a side without one constrains nothing.
    private static func united(_ left: FieldSchema?, _ right: FieldSchema?, keep: Bool) -> FieldSchema? {
        guard let left, let right else { return nil }
        return left.united(with: right, othersOwnMembersKeepPresence: keep)
    }

    private static func widened(_ left: FieldType, _ right: FieldType) -> FieldType {
        if left == right { return left }
        let numbers: Set<FieldType> = [.integer, .number]
        if numbers.contains(left), numbers.contains(right) { return .number }
        if isText(left), isText(right) { return .string }
        return .any
    }

    private static func isText(_ type: FieldType) -> Bool {
        type == .string || type == .date || type == .dateTime
    }
}
