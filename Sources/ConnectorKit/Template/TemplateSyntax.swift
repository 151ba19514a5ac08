/// The compiled form of a template: a tree of nodes, with helper names already resolved.

/// A path inside a mustache: `name`, `a.b.c`, `../parent`, `this`, `@index`, `@root.x`.
struct TemplatePath: Sendable, Hashable {
    /// How many `../` steps up the context stack.
    var up: Int
    /// The member names to follow (array indices as their decimal text).
    var segments: [String]
    /// A data variable (`@index`, `@key`, `@first`, `@last`, `@root`).
    var isData: Bool
    /// Written with `this` or `./`: look only in the current context, never in outer ones.
    var isExplicit: Bool
    /// The text as written, for messages.
    var original: String
}

/// Something that gives a value: a path, a literal, or a helper call (a subexpression).
indirect enum TemplateExpression: Sendable {
    case path(TemplatePath)
    case literal(JSONValue)
    case helper(TemplateHelperCall)
}

/// A call of a registered helper with positional and hash arguments.
struct TemplateHelperCall: Sendable {
    var name: String
    var helper: TemplateHelper
    var parameters: [TemplateExpression]
    var hash: [(key: String, value: TemplateExpression)]
}

/// The built-in block forms, rendered natively.
enum TemplateBlockKind: Sendable {
    case `if`, unless, each, with
    /// `{{#name}}` where `name` is not a helper: a Mustache section (iterate a list, enter an
    /// object, render once for other truthy values).
    case section
    /// `{{^name}}`: render when the value is falsy.
    case inverted
}

/// One piece of a compiled template.
indirect enum TemplateNode: Sendable {
    /// Literal text, as UTF-8.
    case text([UInt8])
    /// `{{expr}}` (escaped for the output context) or `{{{expr}}}` / `{{&expr}}` (raw).
    case value(TemplateExpression, escaped: Bool)
    /// A built-in block.
    case block(TemplateBlockKind, TemplateExpression, hash: [(key: String, value: TemplateExpression)], body: [TemplateNode], inverse: [TemplateNode])
    /// A registered block helper, e.g. `{{#urlEncode}}...{{/urlEncode}}`.
    case helperBlock(TemplateHelperCall, body: [TemplateNode], inverse: [TemplateNode])
}
