/// Swift source text for string values.
enum SwiftLiteral {
    /// A string literal: quotes, backslashes and control characters escaped, nothing interpolated.
    static func string(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\0": text += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format
                    || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator
                {
                    text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }

    /// A single-line raw string literal (`#"..."#`) holding `value` verbatim, with one more `#`
    /// than any run of `#` after a quote or backslash in it, so nothing inside ends the literal
    /// or starts an escape. `nil` when the text cannot be written that way (a line break or an
    /// invisible formatting character), and ``string(_:)`` is needed instead.
    static func rawString(_ value: String) -> String? {
        var longestRun = 0
        var run: Int?
        for scalar in value.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
            {
                return nil
            }
            if scalar == "#", let current = run {
                run = current + 1
                longestRun = max(longestRun, current + 1)
            } else {
                run = (scalar == "\"" || scalar == "\\") ? 0 : nil
            }
        }
        let hashes = String(repeating: "#", count: longestRun + 1)
        return hashes + "\"" + value + "\"" + hashes
    }
}
