extension JSONReader {
    /// Reads a number: `Int64` when it is an integer literal that fits, else its exact literal.
    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        var cursor = index
        let negative = bytes[cursor] == UInt8(ascii: "-")
        if negative { cursor += 1 }
        guard cursor < bytes.count, isDigit(bytes[cursor]) else {
            throw error(.invalidNumber, "invalid number: '-' must be followed by a digit", at: start)
        }
        // Integer part, accumulated as a negative value so Int64.min fits.
        var value: Int64 = 0
        var overflow = false
        if bytes[cursor] == UInt8(ascii: "0") {
            cursor += 1
            if cursor < bytes.count, isDigit(bytes[cursor]) {
                throw error(.invalidNumber, "invalid number: leading zeros are not allowed", at: start)
            }
        } else {
            while cursor < bytes.count, isDigit(bytes[cursor]) {
                let digit = Int64(bytes[cursor] - UInt8(ascii: "0"))
                let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = shifted.subtractingReportingOverflow(digit)
                if o1 || o2 { overflow = true } else { value = next }
                cursor += 1
            }
        }
        var integral = true
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            integral = false
            cursor += 1
            guard cursor < bytes.count, isDigit(bytes[cursor]) else {
                throw error(.invalidNumber, "invalid number: a digit must follow the decimal point", at: start)
            }
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
        }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "e") || bytes[cursor] == UInt8(ascii: "E") {
            integral = false
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            guard cursor < bytes.count, isDigit(bytes[cursor]) else {
                throw error(.invalidNumber, "invalid number: the exponent needs digits", at: start)
            }
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
        }
        index = cursor
        if integral, !overflow {
            if negative {
                // -0 keeps its sign as a literal.
                if value == 0 { return .number(JSONNumber(uncheckedLiteral: "-0")) }
                return .integer(value)
            }
            if value != Int64.min { return .integer(-value) }
        }
        let literal = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
        return .number(JSONNumber(uncheckedLiteral: literal))
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
