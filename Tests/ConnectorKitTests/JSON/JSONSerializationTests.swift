import Foundation
import Testing
@testable import ConnectorKit

@Suite struct JSONSerializationTests {
    @Test func compactAndPrettyForms() throws {
        let value: JSONValue = ["b": [1, 2.5, "x"], "a": [:], "c": [], "d": ["e": .null]]
        #expect(value.serialized() == #"{"b":[1,2.5,"x"],"a":{},"c":[],"d":{"e":null}}"#)
        #expect(value.serialized(options: JSONWriteOptions(pretty: true)) == """
            {
              "b": [
                1,
                2.5,
                "x"
              ],
              "a": {},
              "c": [],
              "d": {
                "e": null
              }
            }
            """)
        #expect(value.serialized(options: JSONWriteOptions(sortKeys: true)) == #"{"a":{},"b":[1,2.5,"x"],"c":[],"d":{"e":null}}"#)
    }

    @Test func stringEscaping() {
        let value = JSONValue.string("q\"b\\s/n\nr\rt\tb\u{8}f\u{C}z\u{0}u\u{1F}é😀")
        #expect(value.serialized() == #""q\"b\\s/n\nr\rt\tb\bf\fz\u0000u\u001fé😀""#)
    }

    @Test func integers() {
        for value in [Int64.min, -1, 0, 7, 10, 1_000_000, Int64.max] {
            #expect(JSONValue.integer(value).serialized() == String(value))
        }
    }

    @Test(arguments: 0..<20)
    func randomValuesRoundTrip(seed: Int) throws {
        var random = JSONValueGenerator(seed: UInt64(seed))
        for _ in 0..<30 {
            let value = random.value(depth: 0)
            for options in [JSONWriteOptions(), JSONWriteOptions(pretty: true)] {
                let text = value.serialized(options: options)
                #expect(try JSONParser.parse(text) == value, "\(text)")
            }
        }
    }

    @Test func shippedSamplesMatchFoundation() throws {
        let files = try RepositoryFiles.shippedSamples()
        #expect(files.count >= 15, "found \(files.count) samples under Schemas/")
        for file in files {
            let data = try Data(contentsOf: file)
            let ours = try JSONParser.parse(Array(data))
            let theirs = try JSONSerialization.jsonObject(with: data)
            let reencoded = try JSONSerialization.jsonObject(with: Data(ours.serialized().utf8))
            #expect(Self.sameFoundationValue(theirs, reencoded), "\(file.lastPathComponent)")
        }
    }

    /// Deep equality of two `JSONSerialization` results, booleans kept apart from numbers.
    /// (`NSDictionary.isEqual` is false on Linux for equal dictionaries holding a boolean.)
    static func sameFoundationValue(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as [String: Any], b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { sameFoundationValue(value, $0) } ?? false }
        case let (a as [Any], b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { sameFoundationValue($0, $1) }
        case let (a as String, b as String):
            return a == b
        case let (a as NSNumber, b as NSNumber):
            let boolean = { (n: NSNumber) in String(cString: n.objCType) == "c" }
            return boolean(a) == boolean(b) && a.isEqual(to: b)
        case (is NSNull, is NSNull):
            return true
        default:
            return false
        }
    }

    @Test func foundationComparisonTellsValuesApart() throws {
        let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) }
        #expect(Self.sameFoundationValue(try parse(#"{"a":true,"b":[1,"x",null,{"c":2.5}]}"#), try parse(#"{"b":[1,"x",null,{"c":2.5}],"a":true}"#)))
        for (left, right) in [(#"{"a":true}"#, #"{"a":1}"#), (#"{"a":1}"#, #"{"a":2}"#), (#"{"a":"1"}"#, #"{"a":1}"#),
                              (#"[1,2]"#, #"[2,1]"#), (#"{"a":null}"#, #"{}"#), (#"{"a":{"b":false}}"#, #"{"a":{"b":true}}"#)] {
            #expect(!Self.sameFoundationValue(try parse(left), try parse(right)), "\(left) vs \(right)")
        }
    }
}

/// Random JSON values with odd keys, unicode and every number form.
struct JSONValueGenerator {
    private var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(seed: seed) }
    mutating func next() -> UInt64 { random.next() }
    mutating func int(_ bound: Int) -> Int { random.int(bound) }

    private static let pieces = ["", "a", "é", "日本", "😀", "\"", "\\", "\n", "\u{1}", " ", "/", "~", "key.with.dots", "\u{7F}"]

    mutating func string() -> String {
        (0..<int(4)).map { _ in Self.pieces[int(Self.pieces.count)] }.joined()
    }

    mutating func value(depth: Int) -> JSONValue {
        switch int(depth > 3 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(int(2) == 0)
        case 2: return .integer(Int64(bitPattern: next()) >> Int64(int(64)))
        case 3: return .number(JSONNumber(uncheckedLiteral: ["1.5", "-0.25", "1e300", "12345678901234567890123", "3.0E-7"][int(5)]))
        case 4, 5: return .string(string())
        case 6: return .array((0..<int(5)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<int(5) { object[string()] = value(depth: depth + 1) }
            return .object(object)
        }
    }
}
