/// Input that is not valid JSON (or breaks a ``JSONParseOptions`` rule), with its position.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: String, Sendable {
        case unexpectedCharacter, unexpectedEnd, unterminatedString, invalidNumber, invalidEscape,
             controlCharacter, invalidUTF8, duplicateKey, tooDeep, trailingContent
    }

    private let code: Code
    /// A short stable name of the problem, for metrics and tests (e.g. `invalidNumber`).
    public var kind: String { code.rawValue }
    /// What was wrong and, where it helps, how to fix it.
    public let message: String
    /// The 0-based byte offset of the problem.
    public let offset: Int
    /// The 1-based line of the problem.
    public let line: Int
    /// The 1-based column of the problem, counted in bytes (a multi-byte character counts more than once).
    public let column: Int

    init(_ code: Code, _ message: String, offset: Int, in bytes: UnsafeRawBufferPointer) {
        self.code = code
        self.message = message
        self.offset = offset
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        self.line = line
        self.column = offset - lineStart + 1
    }

    /// `line L, column C (byte O): message`.
    public var description: String { "line \(line), column \(column) (byte \(offset)): \(message)" }
}
