/// Input that inference refused: which file, where in it, and what to fix.
public struct InferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as given (`<stdin>` for standard input).
    public var file: String
    /// 1-based line, when the problem has a position.
    public var line: Int?
    /// 1-based column in bytes, when the problem has a position.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: error: message`, as compilers print it.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): error: \(message)"
    }
}
