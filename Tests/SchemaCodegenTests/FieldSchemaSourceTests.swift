import ConnectorKit
@testable import SchemaCodegen
import Testing

/// Properties inference does not set today are emitted too, so a schema survives any future rule.
@Suite struct FieldSchemaSourceTests {
    @Test func everyInitializerArgumentIsWrittenInParameterOrder() throws {
        let number = try JSONParser.parse("12.50")
        let schema = FieldSchema(
            name: "amount", type: .number, optional: true, nullable: true, label: "Amount", hint: "In \"USD\"",
            format: FieldFormat(rawValue: "currency"), controlType: "money", properties: [],
            additionalProperties: FieldSchema(name: "", type: .string), of: FieldSchema(name: "", type: .integer),
            pickList: [number, .integer(-3), .bool(false), .null, ["a": 1]], defaultValue: number, requiredGroup: "contact")
        let expected = """
            FieldSchema(
                name: "amount",
                type: .number,
                optional: true,
                nullable: true,
                label: "Amount",
                hint: "In \\"USD\\"",
                format: FieldFormat(rawValue: "currency"),
                controlType: "money",
                properties: [],
                additionalProperties: FieldSchema(name: "", type: .string),
                of: FieldSchema(name: "", type: .integer),
                pickList: [
                    parsedJSON(#"12.50"#),
                    .integer(-3),
                    .bool(false),
                    .null,
                    parsedJSON(#"{"a":1}"#),
                ],
                defaultValue: parsedJSON(#"12.50"#),
                requiredGroup: "contact"
            )
            """
        #expect(schema.swiftSource(indent: 0, jsonHelper: "parsedJSON") == expected)
    }

    @Test func aFieldWithoutNestingFitsOnOneLine() {
        let schema = FieldSchema(name: "when", type: .dateTime, optional: true, properties: [])
        #expect(schema.swiftSource(indent: 3, jsonHelper: "parsedJSON") == #"FieldSchema(name: "when", type: .dateTime, optional: true, properties: [])"#)
    }
}
