import Testing
@testable import ConnectorKit

/// Events compared with the schema they should follow.
@Suite struct FieldSchemaDriftTests {
    static let schema = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "email", type: .string, format: .email),
        FieldSchema(name: "score", type: .integer),
        FieldSchema(name: "note", type: .string, optional: true, nullable: true),
        FieldSchema(name: "items", type: .array, optional: true, of: FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "sku", type: .string),
        ])),
        FieldSchema(name: "counts", type: .object, optional: true, additionalProperties: FieldSchema(name: "", type: .integer)),
        FieldSchema(name: "extra", type: .object, optional: true),
    ])

    @Test func aConformingEventHasNone() {
        #expect(Self.schema.drift(of: ["email": "not an address", "score": 3, "note": .null, "items": [["sku": "a"]],
                                       "counts": ["x": 1], "extra": ["anything": [1, 2]]]).isEmpty,
                "formats are not drift; an object without listed members takes anything")
    }

    @Test func eachKindAtItsPath() {
        let drift = Self.schema.drift(of: ["score": "7", "email": .null, "lastName": "Lima",
                                           "items": [["sku": 1], ["sku": 2, "qty": 1], [:]], "counts": ["a": "x", "b": "y"]])
        #expect(drift == [
            SchemaDrift(.typeChanged, at: "/score", found: "string"),
            SchemaDrift(.typeChanged, at: "/email", found: "null"),
            SchemaDrift(.unknownMember, at: "/lastName", found: "string"),
            SchemaDrift(.typeChanged, at: "/items/*/sku", found: "integer"),
            SchemaDrift(.unknownMember, at: "/items/*/qty", found: "integer"),
            SchemaDrift(.requiredMissing, at: "/items/*/sku"),
            SchemaDrift(.typeChanged, at: "/counts/*", found: "string"),
        ], "\(drift)")
        // One compiled check gives the same answers, call after call.
        let check = SchemaDriftCheck(Self.schema)
        #expect(check.drift(of: ["score": "7", "email": .null, "lastName": "Lima", "items": [["sku": 1], ["sku": 2, "qty": 1], [:]],
                                 "counts": ["a": "x", "b": "y"]]) == drift)
        #expect(check.drift(of: ["email": "a@example.com", "score": 1]).isEmpty)
        #expect(Self.schema.drift(of: [:]) == [SchemaDrift(.requiredMissing, at: "/email"), SchemaDrift(.requiredMissing, at: "/score")])
        #expect(Self.schema.drift(of: "text") == [SchemaDrift(.typeChanged, at: "", found: "string")])
    }
}
