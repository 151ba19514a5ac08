import Testing
@testable import ConnectorKit

/// The heuristics of schema inference, one decision at a time.
@Suite struct SchemaInferenceTests {
    private func infer(_ samples: [JSONValue], _ configure: (inout InferenceOptions) throws -> Void = { _ in }) throws -> InferenceResult {
        var options = InferenceOptions()
        options.explain = true
        try configure(&options)
        return try SchemaInferrer(options: options).infer(samples: samples)
    }

    private func property(_ schema: FieldSchema, _ path: String...) -> FieldSchema? {
        var current: FieldSchema? = schema
        for name in path {
            current = name == "*" ? (current?.of?.value ?? current?.additionalProperties?.value) : current?.property(named: name)
        }
        return current
    }

    @Test func absentNullAndEmptyAreKeptApart() throws {
        let result = try infer([
            ["id": 1, "locale": "en-US", "note": "x"],
            ["id": 2, "locale": .null, "note": ""],
            ["id": 3],
        ])
        let locale = try #require(property(result.schema, "locale"))
        #expect(locale.optional && locale.nullable && locale.type == .string)
        let note = try #require(property(result.schema, "note"))
        #expect(note.optional && !note.nullable)
        let id = try #require(property(result.schema, "id"))
        #expect(!id.optional && !id.nullable && id.type == .integer)
        #expect(result.notes.contains(InferenceNote(path: "/note", message: "the empty string was seen (kept apart from absent and null)")))
    }

    @Test func integerWidensToNumberAndMixedTypesBecomeAny() throws {
        let result = try infer([["n": 1, "m": "a"], ["n": 2.5, "m": 3]])
        #expect(property(result.schema, "n")?.type == .number)
        let m = try #require(property(result.schema, "m"))
        #expect(m.type == .any)
        #expect(m.hint == "Seen as integer, string.")
    }

    @Test func bigIntegerLiteralsStayIntegers() throws {
        let big = JSONValue.number(JSONNumber(uncheckedLiteral: "123456789012345678901234567890"))
        let result = try infer([["n": big], ["n": 5]])
        #expect(property(result.schema, "n")?.type == .integer)
    }

    @Test func formatsNeedEveryValueToMatch() throws {
        let all = try infer([["e": "a@example.com", "t": "2026-01-02T03:04:05Z", "d": "2026-01-02", "u": "https://x.example/a"],
                             ["e": "b@example.com", "t": "2026-01-02T03:04:05.5+02:00", "d": "2024-02-29", "u": "mailto:a@b.example"]])
        #expect(property(all.schema, "e")?.format == .email)
        #expect(property(all.schema, "t")?.type == .dateTime)
        #expect(property(all.schema, "d")?.type == .date)
        #expect(property(all.schema, "u")?.format == .uri)

        let some = try infer([["e": "a@example.com", "p": "+14155550100"], ["e": "not an email", "p": ""]])
        #expect(property(some.schema, "e")?.format == nil)
        #expect(property(some.schema, "e")?.type == .string)
        #expect(property(some.schema, "p")?.format == nil, "the empty string breaks the phone format")
        #expect(some.notes.contains { $0.path == "/p" && $0.message.contains("E.164 phone rejected, the empty string was seen") })
    }

    @Test func nullDoesNotBreakAFormat() throws {
        let result = try infer([["u": "1B4E28BA-2FA1-11D2-883F-0016D3CCA427"], ["u": .null]])
        let u = try #require(property(result.schema, "u"))
        #expect(u.format == .uuid && u.nullable)
    }

    @Test func enumsAreOptInAndNeedEnoughSamples() throws {
        let colors: [JSONValue] = (0..<12).map { ["color": .string(["red", "blue", "green"][$0 % 3]), "i": .integer(Int64($0))] }
        #expect(try property(infer(colors).schema, "color")?.pickList == nil, "off by default")
        let on = try infer(colors) { $0.enums = true }
        #expect(property(on.schema, "color")?.pickList == ["blue", "green", "red"])
        let few = try infer(Array(colors.prefix(5))) { $0.enums = true }
        #expect(property(few.schema, "color")?.pickList == nil, "5 samples are too few")
        let many: [JSONValue] = (0..<40).map { ["code": .string("c\($0 % 20)"), "i": .integer(Int64($0))] }
        #expect(try property(infer(many) { $0.enums = true }.schema, "code")?.pickList == nil, "20 distinct values are too many")
        let forced = try infer(Array(colors.prefix(5))) { $0.overrides = [try InferenceOverride(parsing: "/color=enum")] }
        #expect(property(forced.schema, "color")?.pickList == ["blue", "green", "red"])
    }

    @Test func identifierKeyedObjectsAreMaps() throws {
        let result = try infer([
            ["byId": ["1001": ["qty": 1], "1002": ["qty": 2]], "profile": ["name": "Ana"]],
            ["byId": ["2001": ["qty": 3, "gift": true]], "profile": ["name": "Ben", "age": 30]],
        ])
        let byId = try #require(property(result.schema, "byId"))
        #expect(byId.type == .object && byId.properties == nil)
        let value = try #require(byId.additionalProperties?.value)
        #expect(value.property(named: "qty")?.type == .integer)
        #expect(value.property(named: "gift")?.optional == true)
        #expect(result.notes.contains { $0.path == "/byId" && $0.message.hasPrefix("map: all 3 keys look like ids") })
        let profile = try #require(property(result.schema, "profile"))
        #expect(profile.properties?.map(\.name) == ["name", "age"])
    }

    @Test func manyKeysOfOneTypeAreAMapButMixedTypesAreNot() throws {
        var counters = JSONObject()
        var mixed = JSONObject()
        for index in 0..<60 {
            counters["counter_\(index)"] = .integer(Int64(index))
            mixed["field_\(index)"] = index.isMultiple(of: 2) ? .integer(1) : .string("x")
        }
        let result = try infer([["counters": .object(counters), "mixed": .object(mixed)]])
        #expect(property(result.schema, "counters")?.additionalProperties?.value.type == .integer)
        #expect(property(result.schema, "mixed")?.properties?.count == 60)
        let forced = try infer([["counters": .object(counters)]]) { $0.overrides = [try InferenceOverride(parsing: "/counters=object")] }
        #expect(property(forced.schema, "counters")?.properties?.count == 60)
    }

    @Test func overridesApplyByPointerWithWildcards() throws {
        let result = try infer([["items": [["sku": "A-1", "qty": 1]], "payload": ["a": 1]]]) {
            $0.overrides = [
                try InferenceOverride(parsing: "/items/*/sku=type:integer"),
                try InferenceOverride(parsing: "/items/*/qty=optional"),
                try InferenceOverride(parsing: "/payload=map"),
                try InferenceOverride(parsing: "/nothing/here=any"),
            ]
        }
        #expect(property(result.schema, "items", "*", "sku")?.type == .integer)
        #expect(property(result.schema, "items", "*", "qty")?.optional == true)
        #expect(property(result.schema, "payload")?.additionalProperties?.value.type == .integer)
        #expect(result.warnings == ["override /nothing/here=any matched no path in the samples"])
    }

    @Test func propertyOrderFollowsDocumentsNotSampleOrder() throws {
        let a: JSONValue = ["email": "a@example.com", "eventName": "emailOpen", "dataFields": ["x": 1]]
        let b: JSONValue = ["email": "b@example.com", "workflowId": 5, "firstName": "Ana"]
        let forward = try infer([a, b]).schema
        let backward = try infer([b, a]).schema
        #expect(forward == backward)
        #expect(forward.properties?.map(\.name) == ["email", "eventName", "workflowId", "dataFields", "firstName"])
    }

    @Test func arraysOfObjectsAndEmptyArrays() throws {
        let result = try infer([["items": [["sku": "A", "price": 1]], "tags": []], ["items": [["sku": "B"]], "tags": []]])
        let items = try #require(property(result.schema, "items"))
        #expect(items.type == .array)
        #expect(items.of?.value.property(named: "price")?.optional == true)
        let tags = try #require(property(result.schema, "tags"))
        #expect(tags.type == .array && tags.of == nil)
    }

    @Test func onlyNullIsAnyNullable() throws {
        let result = try infer([["x": .null]])
        let x = try #require(property(result.schema, "x"))
        #expect(x.type == .any && x.nullable)
    }

    @Test func nonObjectSamplesAreRefused() {
        #expect(throws: InferenceError.self) { try infer([["a": 1], [1, 2]]) }
    }

    @Test(arguments: 0..<30)
    func everySampleValidatesAgainstTheInferredSchema(seed: Int) throws {
        var random = RandomSamples(seed: UInt64(7000 + seed))
        let samples = random.samples(25)
        let result = try infer(samples) { $0.enums = seed.isMultiple(of: 2) }
        for (index, sample) in samples.enumerated() {
            let problems = result.schema.validate(sample)
            #expect(problems.isEmpty, "sample \(index): \(problems)")
        }
        let reparsed = try FieldSchema(jsonSchema: result.schema.jsonSchema())
        #expect(reparsed == result.schema)
    }

    @Test(arguments: 0..<10)
    func outputIsIndependentOfSampleOrder(seed: Int) throws {
        var random = RandomSamples(seed: UInt64(9000 + seed))
        let samples = random.samples(30)
        var shuffled = samples
        shuffled.shuffle(using: &random)
        let a = try infer(samples) { $0.enums = true }
        let b = try infer(shuffled) { $0.enums = true }
        #expect(a.schema.jsonSchema().serialized() == b.schema.jsonSchema().serialized())
    }
}
