/// The compiled form of a template: a tree of nodes, with helper names already resolved.

/// A path inside a mustache: `name`, `a.b.c`, `../parent`, `this`, `@index`, `@root.x`.
/// Immutable and shared by reference, so rendering copies it with a single retain.
final class TemplatePath: Sendable, Hashable {
    /// How many `../` steps up the context stack.
    let up: Int
    /// The member names to follow (array indices as their decimal text).
    let segments: [String]
    /// A data variable (`@index`, `@key`, `@first`, `@last`, `@root`).
    let isData: Bool
    /// Written with `this` or `./`: look only in the current context, never in outer ones.
    let isExplicit: Bool
    /// The text as written, for messages.
    let original: String

    init(up: Int, segments: [String], isData: Bool, isExplicit: Bool, original: String) {
        self.up = up
        self.segments = segments
        self.isData = isData
        self.isExplicit = isExplicit
        self.original = original
    }

    static func == (lhs: TemplatePath, rhs: TemplatePath) -> Bool {
        lhs.up == rhs.up && lhs.segments == rhs.segments && lhs.isData == rhs.isData && lhs.isExplicit == rhs.isExplicit
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(up)
        hasher.combine(segments)
        hasher.combine(isData)
        hasher.combine(isExplicit)
    }
}

/// Something that gives a value: a path, a literal, or a helper call (a subexpression).
indirect enum TemplateExpression: Sendable {
    case path(TemplatePath)
    case literal(JSONValue)
    case helper(TemplateHelperCall)
}

/// A call of a registered helper with positional and hash arguments. Immutable and shared
/// by reference, so rendering copies it with a single retain.
final class TemplateHelperCall: Sendable {
    let name: String
    let helper: TemplateHelper
    let parameters: [TemplateExpression]
    let hash: [(key: String, value: TemplateExpression)]
    /// The helper's allocation-free path, when it has one and the call has no hash arguments.
    let pure: (@Sendable (JSONValue, JSONValue?) -> TemplateHelperOutput)?

    init(name: String, helper: TemplateHelper, parameters: [TemplateExpression], hash: [(key: String, value: TemplateExpression)]) {
        self.name = name
        self.helper = helper
        self.parameters = parameters
        self.hash = hash
        self.pure = hash.isEmpty && !parameters.isEmpty ? helper.pure : nil
    }
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
