/// A mapping expression after compilation: templates parsed, paths split, targets resolved.
indirect enum CompiledMappingExpression: Sendable {
    /// A single `{{ref}}` or `{path: ...}`: the referenced value with its JSON type.
    case reference(TemplatePath)
    /// A template that renders text.
    case template(Template)
    /// A fixed value.
    case literal(JSONValue)
    /// `{if: condition, then: ..., else: ...}`.
    case conditional(CompiledMappingExpression, then: CompiledMappingExpression, else: CompiledMappingExpression?)
    /// `{each: path, map: {...}}`: one object per element, the element as the context.
    case each(TemplatePath, [CompiledMappingField])
    /// `{coalesce: [...]}`: the first that has a value.
    case coalesce([CompiledMappingExpression])
    /// A nested object of fields.
    case object([CompiledMappingField])
    /// An array of expressions (missing elements are left out).
    case array([CompiledMappingExpression])
}

/// One target field of a mapping.
struct CompiledMappingField: Sendable {
    /// The member name in the action's input.
    var name: String
    /// Where the field is written in the mapping, for messages (`/email`, `/items/each`).
    var location: String
    var expression: CompiledMappingExpression
    var onMissing: MappingOnMissing
    var defaultValue: JSONValue?
    /// The target field's schema, when a target was given: values are coerced to it.
    var target: FieldSchema?
}
