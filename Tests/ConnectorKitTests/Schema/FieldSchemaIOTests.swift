import Testing
@testable import ConnectorKit

/// Exact JSON Schema and field-list output, and lossless round trips through both.
@Suite struct FieldSchemaIOTests {
    /// A Cloutly-like contact: an email-or-phone group, optional, nullable, enum, map, array of objects.
    static let contact = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "email", type: .string, optional: true, label: "Email", format: .email, requiredGroup: "contact"),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, format: .phone, requiredGroup: "contact"),
        FieldSchema(name: "locale", type: .string, optional: true, nullable: true, pickList: ["en-US", "fr-FR"]),
        FieldSchema(name: "visits", type: .object, additionalProperties: FieldSchema(name: "", type: .dateTime)),
        FieldSchema(name: "items", type: .array, of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "sku", type: .string, hint: "Stock keeping unit"),
            FieldSchema(name: "quantity", type: .integer, optional: true, defaultValue: 1),
        ])),
    ])

    @Test func jsonSchemaOutputIsExact() {
        #expect(Self.contact.jsonSchema().serialized() == #"""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"email":{"title":"Email","type":"string","format":"email","x-required-group":"contact"},"phoneNumber":{"type":"string","format":"phone","pattern":"^\\+[1-9][0-9]{1,14}$","x-required-group":"contact"},"locale":{"type":["string","null"],"enum":["en-US","fr-FR",null]},"visits":{"type":"object","additionalProperties":{"type":"string","format":"date-time"}},"items":{"type":"array","items":{"type":"object","properties":{"sku":{"description":"Stock keeping unit","type":"string"},"quantity":{"type":"integer","default":1}},"required":["sku"]}}},"required":["visits","items"],"anyOf":[{"required":["email"]},{"required":["phoneNumber"]}]}
            """#)
    }

    @Test func fieldListOutputIsExact() {
        #expect(FieldSchema.fieldList(Self.contact.properties!).serialized() == #"""
            [{"name":"email","label":"Email","type":"string","optional":true,"control_type":"email","required_group":"contact"},{"name":"phoneNumber","type":"string","optional":true,"control_type":"phone","required_group":"contact"},{"name":"locale","type":"string","optional":true,"nullable":true,"pick_list":[["en-US","en-US"],["fr-FR","fr-FR"]]},{"name":"visits","type":"object","values":{"name":"","type":"date_time"}},{"name":"items","type":"array","of":"object","properties":[{"name":"sku","type":"string","hint":"Stock keeping unit"},{"name":"quantity","type":"integer","optional":true,"default":1}]}]
            """#)
    }

    @Test func exampleRoundTrips() throws {
        #expect(try FieldSchema(jsonSchema: Self.contact.jsonSchema()) == Self.contact)
        #expect(try FieldSchema.fields(fromFieldList: FieldSchema.fieldList(Self.contact.properties!)) == Self.contact.properties!)
    }

    @Test(arguments: 0..<30)
    func randomSchemasRoundTripThroughBothForms(seed: Int) throws {
        var random = FieldSchemaGenerator(seed: UInt64(seed))
        for _ in 0..<12 {
            let field = random.field(name: "root", depth: 0, inObject: false)
            let viaJSONSchema = try FieldSchema(jsonSchema: field.jsonSchema(), name: field.name)
            #expect(viaJSONSchema == field, "\(field.jsonSchema())")
            // Text round trip too: what is written is what is read.
            let reparsed = try JSONParser.parse(field.jsonSchema().serialized(options: JSONWriteOptions(pretty: true)))
            #expect(try FieldSchema(jsonSchema: reparsed, name: field.name) == field)
            let viaFieldList = try FieldSchema.fields(fromFieldList: FieldSchema.fieldList([field]))
            #expect(viaFieldList == [field], "\(FieldSchema.fieldList([field]))")
        }
    }

    @Test func jsonSchemaReaderCollectsDiagnostics() throws {
        let schema: JSONValue = [
            "type": "object",
            "properties": ["a": ["type": "strin"], "b": ["$ref": "#/x"], "c": ["type": "string", "minLenght": 2]],
            "required": ["a", "zzz"],
        ]
        do {
            _ = try FieldSchema(jsonSchema: schema)
            Issue.record("accepted")
        } catch {
            let text = error.diagnostics.map(\.description)
            #expect(text.contains("error at /properties/a/type: unsupported type strin (hint: a field has one of string, integer, number, boolean, object, array, optionally with null)"))
            #expect(text.contains { $0.hasPrefix("error at /properties/b/$ref: unsupported keyword '$ref'") })
            #expect(text.contains { $0.hasPrefix("error at /properties/c/minLenght: unsupported keyword 'minLenght'") })
            #expect(text.contains("error at /required: required member 'zzz' is not among the properties"))
        }
        #expect(try FieldSchema(jsonSchema: ["type": ["null", "integer"]]) == FieldSchema(name: "", type: .integer, nullable: true))
    }

    @Test func fieldListReaderCollectsDiagnostics() {
        let list: JSONValue = [["name": "a", "tpye": "string"], ["name": "b", "type": "strng"], ["type": "integer"], "x"]
        do {
            _ = try FieldSchema.fields(fromFieldList: list)
            Issue.record("accepted")
        } catch {
            let text = error.diagnostics.map(\.description)
            #expect(text.contains("error at /0/tpye: unknown key 'tpye' (hint: did you mean 'type'?)"))
            #expect(text.contains { $0.hasPrefix("error at /1/type: unknown type 'strng'") })
            #expect(text.contains("error at /2: a field needs a 'name'"))
            #expect(text.contains("error at /3: expected a field object, found string"))
        }
    }
}

/// Random field schemas covering every property of the model.
struct FieldSchemaGenerator {
    private var random: SplitMix64
    init(seed: UInt64) { random = SplitMix64(seed: seed &+ 0x1234_5678) }
    mutating func int(_ bound: Int) -> Int { random.int(bound) }
    mutating func chance(_ percent: Int) -> Bool { random.chance(percent) }

    mutating func field(name: String, depth: Int, inObject: Bool = true) -> FieldSchema {
        let types: [FieldType] = depth >= 3 ? [.string, .integer, .number, .boolean, .date, .dateTime, .any]
            : FieldType.allCases
        var field = FieldSchema(name: name, type: types[int(types.count)])
        field.optional = inObject && chance(40)
        field.nullable = chance(30)
        if chance(25) { field.label = "Label \(int(9))" }
        if chance(25) { field.hint = "Hint with \"quotes\" \(int(9))" }
        if field.type == .string {
            if chance(50) { field.format = [.email, .phone, .uri, .uuid, .time, FieldFormat(rawValue: "hostname")][int(6)] }
            if chance(30) { field.pickList = (0..<1 + int(3)).map { .string("v\($0)") } }
        }
        if field.type == .integer, chance(20) { field.pickList = [1, 2, 3] }
        if chance(20) {
            let controls = ["text", "text-area", "select", "email", "url"]
            let control = controls[int(controls.count)]
            // A control type equal to the format's own is redundant (normalised away).
            if control != FieldSchema.impliedControlType(of: field.format) { field.controlType = control }
        }
        if chance(15) { field.defaultValue = ["x", 1, true, ["k": "v"]][int(4)] }
        if inObject, chance(15) { field.requiredGroup = ["contact", "id"][int(2)] }
        switch field.type {
        case .object:
            if chance(30) {
                field.additionalProperties = Box(self.field(name: "", depth: depth + 1, inObject: false))
            } else {
                field.properties = (0..<int(4)).map { self.field(name: "p\($0)", depth: depth + 1) }
            }
        case .array:
            if chance(80) { field.of = Box(self.field(name: "", depth: depth + 1, inObject: false)) }
        default:
            break
        }
        return field
    }
}
