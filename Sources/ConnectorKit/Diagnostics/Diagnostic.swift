/// A problem found by a pipeline step (parse, check, render): collected, not thrown one by one.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    /// Where: a JSON Pointer, a dotted path or `file:line:column`.
    public var location: String?
    /// How to fix it.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: String? = nil, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `error at /properties/email: message (hint: ...)`.
    public var description: String {
        var text = severity.rawValue
        if let location { text += " at \(location.isEmpty ? "(root)" : location)" }
        text += ": \(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

/// One or more error diagnostics, thrown together.
public struct DiagnosticsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
