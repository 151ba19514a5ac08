import Testing
@testable import ConnectorKit

/// The small parts inference is built from.
@Suite struct InferencePartsTests {
    @Test func bottomKKeepsTheSmallestDistinct() {
        var sketch = BottomK<Int>(capacity: 3)
        for value in [9, 4, 4, 7, 1, 8, 1] { sketch.insert(value) }
        #expect(sketch.elements == [1, 4, 7])
        var other = BottomK<Int>(capacity: 3)
        for value in [5, 2] { other.insert(value) }
        sketch.formUnion(other)
        #expect(sketch.elements == [1, 2, 4])
        #expect(sketch.isFull)
    }

    @Test func overridesParseAndPrint() throws {
        let override = try InferenceOverride(parsing: "/data~1Fields/a~0b/*=type:date_time")
        #expect(override.path == ["data/Fields", "a~b", "*"])
        #expect(override.rule == .type(.dateTime))
        #expect(override.description == "/data~1Fields/a~0b/*=type:date_time")
        #expect(try InferenceOverride(parsing: "=map").path == [])
        #expect(throws: InferenceOverrideError.self) { try InferenceOverride(parsing: "/a=mapp") }
        #expect(throws: InferenceOverrideError.self) { try InferenceOverride(parsing: "a=map") }
        #expect(throws: InferenceOverrideError.self) { try InferenceOverride(parsing: "/a") }
    }

    @Test func csvQuotingAndTyping() throws {
        let text = "a,b,c\r\n\"x,\"\"y\"\"\",-1.5e3,true\r\n,007,\"multi\nline\"\n"
        let reader = CSVSampleReader(separator: UInt8(ascii: ","))
        let rows = try Array(text.utf8).withUnsafeBytes { try reader.rows(in: $0).get() }
        #expect(rows.map(\.cells) == [["a", "b", "c"], ["x,\"y\"", "-1.5e3", "true"], ["", "007", "multi\nline"]])
        let first = try reader.sample(rows[1], headers: rows[0].cells).get()
        #expect(first == ["a": "x,\"y\"", "b": .number(JSONNumber(uncheckedLiteral: "-1.5e3")), "c": true])
        let second = try reader.sample(rows[2], headers: rows[0].cells).get()
        #expect(second == ["b": "007", "c": "multi\nline"], "leading zeros are not a JSON number; empty cells are absent")
    }

    @Test func arrayScannerFindsElementsAndRejectsBrokenArrays() throws {
        let text = #" [ {"a": "],}"}, [1, [2]] , "s\"]" ] "#
        let ranges = try Array(text.utf8).withUnsafeBytes { try ArrayElementScanner.elements(in: $0).get() }
        let bytes = Array(text.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"a": "],}"}"#, "[1, [2]]", #""s\"]""#])
        for broken in ["{}", "[1, 2", "[1,,2]", "[1] x", "[1,]"] {
            let result = Array(broken.utf8).withUnsafeBytes { ArrayElementScanner.elements(in: $0) }
            if case .success = result { Issue.record("accepted \(broken)") }
        }
        #expect(try Array("[]".utf8).withUnsafeBytes { try ArrayElementScanner.elements(in: $0).get() }.isEmpty)
    }

    @Test func lineAlignedRangesCoverEverythingOnLineBoundaries() {
        let line = Array("{\"a\":1}\n".utf8)
        let bytes = (0..<20000).flatMap { _ in line }
        for parts in 1...5 {
            let ranges = bytes.withUnsafeBytes { SchemaInferrer.lineAlignedRanges($0, parts: parts) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == bytes.count)
            for (a, b) in zip(ranges, ranges.dropFirst()) {
                #expect(a.upperBound == b.lowerBound)
                #expect(bytes[a.upperBound - 1] == UInt8(ascii: "\n"))
            }
        }
    }

    @Test func identifierLikeKeys() {
        for key in ["12345", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "2026-01-02", "0123456789abcdef0123"] {
            #expect(MapKeyShape.isIdentifierLike(key), "\(key)")
        }
        for key in ["email", "item1", "", "abc-def", "12345678901234567890x"] {
            #expect(!MapKeyShape.isIdentifierLike(key), "\(key)")
        }
    }
}
