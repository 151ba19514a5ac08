/// A render that could not finish: a limit was reached or a helper refused its input.
public struct TemplateRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Bounds that keep rendering cheap whatever the template and data.
public struct TemplateLimits: Sendable, Hashable {
    /// The most bytes one render may produce.
    public var maxOutputBytes: Int
    /// The deepest block nesting a template may have.
    public var maxNesting: Int

    public init(maxOutputBytes: Int = 1 << 20, maxNesting: Int = 64) {
        self.maxOutputBytes = maxOutputBytes
        self.maxNesting = maxNesting
    }
}
