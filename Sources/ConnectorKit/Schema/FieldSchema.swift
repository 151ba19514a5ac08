/// One field of a trigger's output or an action's input: its name, type and the rules its values follow.
///
/// A field round-trips losslessly through JSON Schema 2020-12 and a Workato-style field list.
public struct FieldSchema: Sendable, Hashable {
    /// The member name in the parent object (empty for a root or an array's item schema).
    public var name: String
    public var type: FieldType
    /// The field may be absent from its parent object.
    public var optional: Bool
    /// The field may be `null`.
    public var nullable: Bool
    /// A human label (JSON Schema `title`).
    public var label: String?
    /// Help text (JSON Schema `description`).
    public var hint: String?
    /// What a string's text looks like (email, phone, uri, uuid, time, ...).
    public var format: FieldFormat?
    /// The form control a UI should use (Workato `control_type`), when it differs from the format's.
    public var controlType: String?
    /// An object's known members, in order.
    public var properties: [FieldSchema]?
    /// A map's value schema: an object whose keys are data (ids, dates), each value following this.
    public var additionalProperties: Box<FieldSchema>?
    /// An array's item schema.
    public var of: Box<FieldSchema>?
    /// The allowed values (JSON Schema `enum`, Workato `pick_list`).
    public var pickList: [JSONValue]?
    /// The value used when none is given.
    public var defaultValue: JSONValue?
    /// Fields of one object sharing a group name: at least one of them must be present
    /// (Cloutly: email or phoneNumber).
    public var requiredGroup: String?

    public init(
        name: String,
        type: FieldType,
        optional: Bool = false,
        nullable: Bool = false,
        label: String? = nil,
        hint: String? = nil,
        format: FieldFormat? = nil,
        controlType: String? = nil,
        properties: [FieldSchema]? = nil,
        additionalProperties: FieldSchema? = nil,
        of: FieldSchema? = nil,
        pickList: [JSONValue]? = nil,
        defaultValue: JSONValue? = nil,
        requiredGroup: String? = nil
    ) {
        self.name = name
        self.type = type
        self.optional = optional
        self.nullable = nullable
        self.label = label
        self.hint = hint
        self.format = format
        self.controlType = controlType
        self.properties = properties
        self.additionalProperties = additionalProperties.map(Box.init)
        self.of = of.map(Box.init)
        self.pickList = pickList
        self.defaultValue = defaultValue
        self.requiredGroup = requiredGroup
    }

    /// The member named `name`, for objects.
    public func property(named name: String) -> FieldSchema? {
        properties?.first { $0.name == name }
    }
}

/// An immutable box that lets a value type contain itself (a field's item or map-value schema).
public final class Box<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
    public static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
