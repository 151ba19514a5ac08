/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// One value, optionally surrounded by whitespace; nothing else. Integers that fit `Int64`
/// become ``JSONValue/integer(_:)``; every other number keeps its literal
/// (``JSONValue/number(_:)``). Errors carry the byte offset, line and column.
public enum JSONParser {
    /// Parses the JSON document in `bytes`.
    public static func parse(_ bytes: UnsafeRawBufferPointer, options: JSONParseOptions = JSONParseOptions()) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, options: options)
        return try reader.readDocument()
    }

    /// Parses the JSON document in `bytes`.
    public static func parse(_ bytes: [UInt8], options: JSONParseOptions = JSONParseOptions()) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, options: options) }
        }.get()
    }

    /// Parses the JSON document in `text`.
    public static func parse(_ text: String, options: JSONParseOptions = JSONParseOptions()) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), options: options) }
        }.get()
    }
}

/// The parser's state: a cursor over the bytes and the nesting depth.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    let options: JSONParseOptions
    var index = 0
    var depth = 0

    init(bytes: UnsafeRawBufferPointer, options: JSONParseOptions) {
        self.bytes = bytes
        self.options = options
    }

    func error(_ code: JSONParseError.Code, _ message: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(code, message, offset: offset ?? index, in: bytes)
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try readValue()
        skipWhitespace()
        guard index == bytes.count else {
            throw error(.trailingContent, "unexpected \(describe(bytes[index])) after the JSON value; a document holds exactly one value")
        }
        return value
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    mutating func readValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error(.unexpectedEnd, "unexpected end of input: expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default:
            throw error(.unexpectedCharacter, "unexpected \(describe(bytes[index])): expected a value (object, array, string, number, true, false or null)")
        }
    }

    mutating func readLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = index
        let length = word.utf8CodeUnitCount
        let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: length)
        for offset in 0..<length {
            guard start + offset < bytes.count, bytes[start + offset] == expected[offset] else {
                throw error(.unexpectedCharacter, "invalid literal: expected '\(word)'", at: start)
            }
        }
        index = start + length
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > options.maxDepth {
            throw error(.tooDeep, "nesting deeper than \(options.maxDepth) levels")
        }
    }

    mutating func readArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try readValue())
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unexpected end of input: expected ',' or ']' in an array") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { break }
            throw error(.unexpectedCharacter, "unexpected \(describe(byte)): expected ',' or ']' in an array", at: index - 1)
        }
        depth -= 1
        return .array(elements)
    }

    mutating func readObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var object = JSONObject()
        var positions: [String: Int]? = nil
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unexpected end of input: expected a member name") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter, "unexpected \(describe(bytes[index])): expected a member name in double quotes")
            }
            let keyOffset = index
            let key = try readString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error(index < bytes.count ? .unexpectedCharacter : .unexpectedEnd, "expected ':' after the member name \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try readValue()
            // Small objects: linear search; large ones: an index by name.
            let existing: Int?
            if object.count < 16 {
                existing = object.index(forKey: key)
            } else {
                if positions == nil {
                    positions = Dictionary(uniqueKeysWithValues: object.members.enumerated().map { ($1.key, $0) })
                }
                existing = positions![key]
            }
            if let existing {
                switch options.duplicateKeys {
                case .lastWins: object.replaceValueUnchecked(at: existing, with: value)
                case .firstWins: break
                case .reject: throw error(.duplicateKey, "duplicate member name \"\(key)\"", at: keyOffset)
                }
            } else {
                positions?[key] = object.count
                object.appendUnchecked(key: key, value: value)
            }
            skipWhitespace()
            guard index < bytes.count else { throw error(.unexpectedEnd, "unexpected end of input: expected ',' or '}' in an object") }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { break }
            throw error(.unexpectedCharacter, "unexpected \(describe(byte)): expected ',' or '}' in an object", at: index - 1)
        }
        depth -= 1
        return .object(object)
    }

    /// A byte as a message shows it: `'x'`, or its hex value when not printable ASCII.
    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}
