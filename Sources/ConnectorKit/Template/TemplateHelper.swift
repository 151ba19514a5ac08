/// A helper that templates call by name: `{{lowercase name}}`, `{{#urlEncode}}...{{/urlEncode}}`.
///
/// A helper receives its evaluated arguments and, when used as a block, can render its body
/// and inverse. It returns a value (escaped for the output like any other) or safe text
/// (written as is). Arity is checked when the template compiles.
public struct TemplateHelper: Sendable {
    /// What the helper computes.
    public typealias Body = @Sendable (inout TemplateHelperInput) throws(TemplateRenderError) -> TemplateHelperOutput

    /// The fewest positional arguments the helper accepts.
    public var minimumArguments: Int
    /// The most positional arguments the helper accepts (`nil`: any number).
    public var maximumArguments: Int?
    /// Whether it may be used as a block (`{{#name}}`); `inline` whether without one.
    public var block: Bool
    public var inline: Bool
    let body: Body

    /// Fast path for pure helpers of one or two arguments and no hash: no argument array.
    private(set) var pure: (@Sendable (JSONValue, JSONValue?) -> TemplateHelperOutput)?
    /// What the helper does as a block, when that differs from ``body`` (used by the pure
    /// comparison helpers, which are also blocks).
    var blockBody: Body?
    /// Fast path for blocks that only transform their rendered body (e.g. `urlEncode`): the
    /// body renders straight into the output, then this rewrites that range in place.
    private(set) var bodyFilter: (@Sendable (inout [UInt8], Int) -> Void)?
    /// Whether ``bodyFilter`` percent-encodes (the standard `urlEncode`): renders then encode
    /// their output in place instead of calling it.
    var bodyFilterEncodesURL = false
    /// Whether the helper is `defaultIfEmpty`'s pure form (its first argument unless that is
    /// missing, null or "", else its second): renders then pick without copying either.
    var picksFallbackWhenEmpty = false

    public init(arguments: ClosedRange<Int>, block: Bool = false, inline: Bool = true, _ body: @escaping Body) {
        self.minimumArguments = arguments.lowerBound
        self.maximumArguments = arguments.upperBound == .max ? nil : arguments.upperBound
        self.block = block
        self.inline = inline
        self.body = body
        self.pure = nil
        self.bodyFilter = nil
        self.blockBody = nil
    }

    /// A pure inline helper of one or two arguments (the second is `nil` for one): computed
    /// without allocating, so it costs about as much as a plain path.
    public init(arguments: ClosedRange<Int>, pure: @escaping @Sendable (JSONValue, JSONValue?) -> TemplateHelperOutput) {
        precondition(arguments.lowerBound >= 1 && arguments.upperBound <= 2, "pure helpers take one or two arguments")
        self.init(arguments: arguments) { input in
            pure(input.arguments[0], input.arguments.count > 1 ? input.arguments[1] : nil)
        }
        self.pure = pure
    }

    /// A helper that is a block filter when used as a block (its body is rendered, then
    /// `filter` rewrites the bytes from the given offset to the end) and otherwise `body`.
    public init(arguments: ClosedRange<Int>, bodyFilter: @escaping @Sendable (inout [UInt8], Int) -> Void, _ body: @escaping Body) {
        self.init(arguments: arguments, block: true, inline: true, body)
        self.bodyFilter = bodyFilter
    }
}

/// What a helper is called with.
public struct TemplateHelperInput: ~Copyable {
    /// The evaluated positional arguments (`null` for a missing path).
    public let arguments: [JSONValue]
    /// The evaluated `key=value` arguments, in order.
    public let hash: [(key: String, value: JSONValue)]
    /// The current context (`this`).
    public let context: JSONValue
    /// Whether the helper is used as a block.
    public let isBlock: Bool
    let contexts: [JSONValue]
    let data: [TemplateRenderer.DataFrame]
    let escaping: TemplateEscaping
    let limits: TemplateLimits
    let body: [TemplateNode]
    let inverse: [TemplateNode]

    /// The value of the hash argument `key`, if given.
    public func hash(_ key: String) -> JSONValue? {
        hash.first { $0.key == key }?.value
    }

    /// Renders the block's body with `context` as `this`; empty when not a block.
    public mutating func renderBody(_ context: JSONValue) throws(TemplateRenderError) -> String {
        guard isBlock else { return "" }
        return try TemplateRenderer.renderToString(body, contexts: contexts, data: data, context: context, escaping: escaping, limits: limits)
    }

    /// Renders the block's `{{else}}` part with `context` as `this`.
    public mutating func renderInverse(_ context: JSONValue) throws(TemplateRenderError) -> String {
        guard isBlock else { return "" }
        return try TemplateRenderer.renderToString(inverse, contexts: contexts, data: data, context: context, escaping: escaping, limits: limits)
    }
}

/// What a helper returns.
public enum TemplateHelperOutput: Sendable {
    /// A value, written like any interpolated value (escaped unless in `{{{ }}}`).
    case value(JSONValue)
    /// Text that is already fit for the output (e.g. a rendered block): written as is.
    case safe(String)
}

/// A set of helpers by name: a value you build and pass to ``Template/init(_:helpers:limits:)``.
public struct TemplateHelpers: Sendable {
    private var table: [String: TemplateHelper]

    /// No helpers at all.
    public static let none = TemplateHelpers(table: [:])

    private init(table: [String: TemplateHelper]) {
        self.table = table
    }

    /// The helper named `name`.
    public subscript(name: String) -> TemplateHelper? {
        get { table[name] }
        set { table[name] = newValue }
    }

    /// The names of all helpers, sorted.
    public var names: [String] { table.keys.sorted() }

    /// Adds or replaces the helper `name`.
    public mutating func register(_ name: String, _ helper: TemplateHelper) {
        table[name] = helper
    }
}
