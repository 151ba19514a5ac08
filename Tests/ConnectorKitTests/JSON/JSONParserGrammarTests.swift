import Testing
@testable import ConnectorKit

/// Accept/reject tables in the spirit of JSONTestSuite's y_ and n_ files.
@Suite struct JSONParserGrammarTests {
    @Test(arguments: [
        "{}", "[]", "0", "-0", "1", "-1", "1.5", "1e10", "1E+10", "1e-10", "0.0", "-0.5e-3", "\"\"", "true", "false", "null",
        " \t\r\n[ 1 , 2 ]\n ", "{\"a\":{\"b\":[{}]}}", "\"\\u0000\"", "\"\\uD834\\uDD1E\"", "\"\\/\"", "[[[[]]]]",
        "{\"\":0}", "\"é日本\"", "[1,\"a\",null,true,{}]",
    ])
    func accepts(text: String) throws {
        _ = try JSONParser.parse(text)
    }

    @Test(arguments: [
        "", " ", "{", "}", "[", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "+1", ".5",
        "1.", "1e", "1e+", "-", "--1", "0x10", "NaN", "Infinity", "tru", "nul", "True", "\"abc", "\"\\x\"", "\"\\u12\"",
        "\"\\uZZZZ\"", "[1 2]", "{\"a\":1 \"b\":2}", "1 2", "[1]]", "\"\u{01}\"", "\"a\nb\"", "[\"a\"\"b\"]", "//c\n1",
    ])
    func rejects(text: String) {
        #expect(throws: JSONParseError.self, "accepted \(text.debugDescription)") { try JSONParser.parse(text) }
    }

    @Test func integersAndTheirLimits() throws {
        #expect(try JSONParser.parse("9223372036854775807") == .integer(.max))
        #expect(try JSONParser.parse("-9223372036854775808") == .integer(.min))
        #expect(try JSONParser.parse("9223372036854775808") == .number(JSONNumber(uncheckedLiteral: "9223372036854775808")))
        #expect(try JSONParser.parse("-9223372036854775809") == .number(JSONNumber(uncheckedLiteral: "-9223372036854775809")))
        #expect(try JSONParser.parse("-0") == .number(JSONNumber(uncheckedLiteral: "-0")))
        #expect(try JSONParser.parse("0") == .integer(0))
        #expect(try JSONParser.parse("42") == .integer(42))
    }

    @Test(arguments: ["1.10", "1e400", "123456789012345678901234567890", "-0.000", "6.02E+23", "1e-400"])
    func numberLiteralsRoundTripExactly(literal: String) throws {
        let value = try JSONParser.parse(literal)
        #expect(value.serialized() == literal)
        #expect(try JSONParser.parse("[\(literal)]").serialized() == "[\(literal)]")
    }

    @Test func numbersCompareByExactDecimalValue() throws {
        func number(_ literal: String) -> JSONNumber { JSONNumber(uncheckedLiteral: literal) }
        #expect(number("1.50") == number("1.5"))
        #expect(number("15e-1") == number("1.5"))
        #expect(number("0.0") == number("-0"))
        #expect(number("1e400") != number("1e401"), "both are infinite as Double")
        #expect(number("9223372036854775808") != number("9223372036854775809"), "equal as Double")
        #expect(number("123456789012345678901234567890") == number("1.2345678901234567890123456789e29"))
        #expect(number("1.5").hashValue == number("15E-1").hashValue)
        #expect(number("2") != number("20"))
    }

    @Test func escapesAndSurrogates() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try JSONParser.parse(#""\u00e9\u65e5\uD83D\uDE00""#) == .string("é日😀"))
        #expect(try JSONParser.parse(#""caf\u00E9 ok""#) == .string("café ok"))
    }

    @Test func unpairedSurrogatesFollowThePolicy() throws {
        for text in [#""\uD800""#, #""\uDC00""#, #""\uD800\u0041""#, #""\uD800x""#] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        }
        let lenient = JSONParseOptions(invalidUTF8: .replace)
        #expect(try JSONParser.parse(#""a\uD800b""#, options: lenient) == .string("a\u{FFFD}b"))
        #expect(try JSONParser.parse(#""\uD800\u0041""#, options: lenient) == .string("\u{FFFD}A"))
    }

    @Test func invalidUTF8IsRejectedAtTheOffendingByte() throws {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0xC3, 0x28, 0x22], 1),                  // lead byte then ASCII
            ([0x22, 0x61, 0xC0, 0xAF, 0x22], 2),            // overlong '/'
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 1),            // UTF-8 encoded surrogate
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1),      // above U+10FFFF
            ([0x22, 0x61, 0x62, 0xE6, 0x97, 0x22], 3),      // truncated sequence
            ([0x22, 0x80, 0x22], 1),                        // lone continuation byte
            ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 3),            // after an escape
        ]
        for (bytes, offset) in cases {
            do {
                _ = try JSONParser.parse(bytes)
                Issue.record("accepted \(bytes)")
            } catch {
                #expect(error.kind == "invalidUTF8")
                #expect(error.offset == offset, "\(bytes)")
            }
            let repaired = try JSONParser.parse(bytes, options: JSONParseOptions(invalidUTF8: .replace))
            #expect(repaired.stringValue?.contains("\u{FFFD}") == true)
        }
    }

    @Test func duplicateKeyPolicies() throws {
        let text = #"{"a":1,"b":2,"a":3}"#
        let last = try JSONParser.parse(text)
        #expect(last.objectValue?.keys == ["a", "b"])
        #expect(last["a"] == 3)
        #expect(try JSONParser.parse(text, options: JSONParseOptions(duplicateKeys: .firstWins))["a"] == 1)
        do {
            _ = try JSONParser.parse(text, options: JSONParseOptions(duplicateKeys: .reject))
            Issue.record("accepted a duplicate")
        } catch {
            #expect(error.kind == "duplicateKey")
            #expect(error.offset == 13)
        }
        // Large objects use an index: still detected.
        let big = "{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k3\":-1}"
        #expect(try JSONParser.parse(big)["k3"] == -1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(big, options: JSONParseOptions(duplicateKeys: .reject)) }
    }

    @Test func depthLimit() throws {
        let nested = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        _ = try JSONParser.parse(nested(5), options: JSONParseOptions(maxDepth: 5))
        do {
            _ = try JSONParser.parse(nested(6), options: JSONParseOptions(maxDepth: 5))
            Issue.record("accepted depth 6")
        } catch {
            #expect(error.kind == "tooDeep")
            #expect(error.offset == 5)
        }
        _ = try JSONParser.parse(nested(256))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(257)) }
    }

    @Test func errorsCarryLineAndColumn() {
        let text = "{\n  \"a\": 1,\n  \"b\": tru\n}"
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.offset == 19)
            #expect(error.description == "line 3, column 8 (byte 19): invalid literal: expected 'true'")
        }
        do {
            _ = try JSONParser.parse("[1, 2] x")
        } catch {
            #expect(error.kind == "trailingContent")
            #expect(error.column == 8)
        }
    }
}
