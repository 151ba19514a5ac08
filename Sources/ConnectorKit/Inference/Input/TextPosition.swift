/// A 1-based line and column (in bytes) of a byte offset in a text.
struct TextPosition: Sendable, Hashable {
    var line: Int
    var column: Int

    /// The position of `offset` in `bytes`, counting lines from `firstLine`.
    init(offset: Int, in bytes: UnsafeRawBufferPointer, firstLine: Int = 1) {
        var line = firstLine
        var lineStart = 0
        let end = min(offset, bytes.count)
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        self.line = line
        self.column = offset - lineStart + 1
    }
}
