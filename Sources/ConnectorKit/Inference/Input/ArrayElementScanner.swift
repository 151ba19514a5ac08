/// Finds the byte ranges of the elements of a top-level JSON array without building them,
/// so `--each` can parse elements independently and in parallel.
///
/// It checks only the structure it needs (brackets, braces, strings); each element's own
/// grammar is checked when it is parsed.
enum ArrayElementScanner {
    /// The element ranges of the array in `bytes`, or the failure at its offset.
    static func elements(in bytes: UnsafeRawBufferPointer) -> Result<[Range<Int>], SampleFailureBox> {
        var index = skipWhitespace(bytes, 0)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
            return .failure(SampleFailureBox(SampleFailure(offset: index, message: "expected '[': --each needs a top-level JSON array of samples")))
        }
        index = skipWhitespace(bytes, index + 1)
        var ranges: [Range<Int>] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            return finish(bytes, after: index + 1, ranges)
        }
        while true {
            let start = index
            var depth = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    depth += 1
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    if depth == 0 { break }
                    depth -= 1
                } else if byte == UInt8(ascii: ","), depth == 0 {
                    break
                }
                index += 1
            }
            guard index < bytes.count else {
                return .failure(SampleFailureBox(SampleFailure(offset: bytes.count, message: "unexpected end of input: the top-level array is not closed with ']'")))
            }
            var end = index
            while end > start, SampleAbsorber.isWhitespace(bytes[end - 1]) { end -= 1 }
            if end == start {
                return .failure(SampleFailureBox(SampleFailure(offset: start, message: "expected an array element")))
            }
            ranges.append(start..<end)
            if bytes[index] == UInt8(ascii: "]") { return finish(bytes, after: index + 1, ranges) }
            guard bytes[index] == UInt8(ascii: ",") else {
                return .failure(SampleFailureBox(SampleFailure(offset: index, message: "unexpected '\(Character(Unicode.Scalar(bytes[index])))' between array elements")))
            }
            index = skipWhitespace(bytes, index + 1)
        }
    }

    private static func finish(_ bytes: UnsafeRawBufferPointer, after index: Int, _ ranges: [Range<Int>]) -> Result<[Range<Int>], SampleFailureBox> {
        let rest = skipWhitespace(bytes, index)
        guard rest == bytes.count else {
            return .failure(SampleFailureBox(SampleFailure(offset: rest, message: "unexpected content after the top-level array")))
        }
        return .success(ranges)
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Int {
        var index = start
        while index < bytes.count, SampleAbsorber.isWhitespace(bytes[index]) { index += 1 }
        return index
    }
}

/// A ``SampleFailure`` usable as a `Result` failure.
struct SampleFailureBox: Error, Sendable {
    var failure: SampleFailure
    init(_ failure: SampleFailure) { self.failure = failure }
}
