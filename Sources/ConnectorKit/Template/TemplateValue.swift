/// How template values print and test, following Handlebars (JavaScript) semantics.
enum TemplateValue {
    /// The text of a value: strings as they are, numbers as JavaScript prints them,
    /// `true`/`false`, nothing for null, arrays joined with commas, objects as `[object Object]`.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let string): string
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let integer): String(integer)
        case .number(let number): javaScriptNumber(number)
        case .array(let elements): elements.map(text).joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// A number as JavaScript's `String(n)` writes it: `1.21`, `100`, `1e+21`.
    static func javaScriptNumber(_ number: JSONNumber) -> String {
        let double = number.doubleValue
        guard double.isFinite else { return number.literal }
        if double == double.rounded(), abs(double) < 1e21 {
            if abs(double) < 9.007_199_254_740_992e15 { return String(Int64(double)) }
        }
        var text = "\(double)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        // Exponents as JavaScript writes them: a sign always, no leading zeros (1e+21, 1e-7).
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = text[text.index(after: e)...]
            let sign = exponent.first == "-" ? "-" : "+"
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            let digits = exponent.drop { $0 == "0" }
            text = mantissa + "e" + sign + (digits.isEmpty ? "0" : digits)
        }
        return text
    }

    /// Whether a JSON number literal already reads as JavaScript would print it: a plain
    /// decimal with a fraction that does not end in 0, at most 15 significant digits, and not
    /// below 1e-6 (where JavaScript switches to exponents). Such literals are written as is.
    static func isJavaScriptForm(_ literal: String) -> Bool {
        var digits = 0
        var sawPoint = false
        var last: UInt8 = 0
        var leadingZeros = true
        var zerosAfterPoint = 0
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "."): sawPoint = true
            case UInt8(ascii: "-"): break
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if leadingZeros, byte == UInt8(ascii: "0") {
                    if sawPoint { zerosAfterPoint += 1 }
                } else {
                    leadingZeros = false
                    digits += 1
                }
            default: return false
            }
            last = byte
        }
        return sawPoint && last != UInt8(ascii: "0") && last != UInt8(ascii: ".") && digits >= 1 && digits <= 15 && zerosAfterPoint < 6
    }

    /// Handlebars' `if`: false for false, null, missing, "", 0 (unless `includeZero`) and [].
    static func isTruthy(_ value: JSONValue?, includeZero: Bool = false) -> Bool {
        switch value {
        case nil, .null?: false
        case .bool(let flag)?: flag
        case .string(let string)?: !string.isEmpty
        case .integer(let integer)?: includeZero || integer != 0
        case .number(let number)?: includeZero || number.doubleValue != 0
        case .array(let elements)?: !elements.isEmpty
        case .object?: true
        }
    }
}
