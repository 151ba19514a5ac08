import Testing
@testable import ConnectorKit

@Suite struct FieldSchemaValidationTests {
    let schema = FieldSchemaIOTests.contact

    @Test func validValuesPass() {
        let value: JSONValue = [
            "email": "ana@example.com", "locale": .null, "visits": ["2026-01-02": "2026-01-02T03:04:05Z"],
            "items": [["sku": "A-1", "quantity": 2], ["sku": "B-2"]],
        ]
        #expect(schema.validate(value).isEmpty)
        #expect(schema.validate(["phoneNumber": "+14155550100", "visits": [:], "items": []]).isEmpty)
    }

    @Test func everyProblemIsReportedWithItsPointer() {
        let value: JSONValue = [
            "email": "not-an-email", "locale": "de-DE", "visits": ["x": "yesterday"],
            "items": [["quantity": 1.5], "oops"],
        ]
        let problems = schema.validate(value).map(\.description)
        #expect(problems.contains("error at /email: expected email format, found string \"not-an-email\""))
        #expect(problems.contains { $0.hasPrefix("error at /locale: string \"de-DE\" is not one of the allowed values") })
        #expect(problems.contains("error at /visits/x: expected an RFC 3339 date-time, found string \"yesterday\""))
        #expect(problems.contains("error at /items/0: missing required member 'sku'"))
        #expect(problems.contains("error at /items/0/quantity: expected an integer, found number 1.5"))
        #expect(problems.contains("error at /items/1: expected an object, found string \"oops\""))
        #expect(problems.count == 6, "\(problems)")
    }

    @Test func requiredGroupsAndRequiredMembers() {
        let problems = schema.validate(["locale": "en-US"]).map(\.description)
        #expect(problems.contains("error at (root): missing required member 'visits'"))
        #expect(problems.contains("error at (root): needs at least one of email, phoneNumber (group 'contact')"))
    }

    @Test func typesAcceptTheirJSONForms() {
        #expect(FieldSchema(name: "", type: .integer).validate(.number(JSONNumber(uncheckedLiteral: "1e3"))).isEmpty)
        #expect(FieldSchema(name: "", type: .number).validate(7).isEmpty)
        #expect(!FieldSchema(name: "", type: .integer).validate(.number(JSONNumber(uncheckedLiteral: "1.5"))).isEmpty)
        #expect(!FieldSchema(name: "", type: .string).validate(.null).isEmpty)
        #expect(FieldSchema(name: "", type: .any).validate(.null).isEmpty)
        #expect(!FieldSchema(name: "", type: .date).validate("2026-02-30").isEmpty)
    }
}
