import Testing
@testable import ConnectorKit

@Suite struct MappingSuggesterTests {
    @Test func namesSynonymsAndTypes() {
        let source = FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "email", type: .string, format: .email),
            FieldSchema(name: "phoneNumber", type: .string, format: .phone),
            FieldSchema(name: "firstName", type: .string),
            FieldSchema(name: "dataFields", type: .object, properties: [
                FieldSchema(name: "zipCode", type: .string), FieldSchema(name: "createdAt", type: .string),
                FieldSchema(name: "profile", type: .object, properties: [FieldSchema(name: "lastName", type: .string)]),
            ]),
            FieldSchema(name: "tags", type: .array),
        ])
        let target = [
            FieldSchema(name: "email", type: .string), FieldSchema(name: "phone", type: .string, format: .phone),
            FieldSchema(name: "first_name", type: .string), FieldSchema(name: "surname", type: .string),
            FieldSchema(name: "postal_code", type: .string), FieldSchema(name: "tags", type: .string),
            FieldSchema(name: "favouriteColour", type: .string),
        ]
        let suggestions = MappingSuggester().suggest(source: source, target: target)
        #expect(suggestions.map(\.source) == ["email", "phoneNumber", "firstName", "dataFields.profile.lastName", "dataFields.zipCode", nil, nil])
        #expect(suggestions[0].confidence == 1.0)
        #expect(suggestions[1].reason == "synonyms, both phone")
        #expect(suggestions[2].confidence == 1.0, "first_name and firstName normalise to the same name")
        #expect(suggestions[3].confidence < suggestions[2].confidence)
        #expect(suggestions[5].reason.contains("no source field"), "an array cannot become text")
    }
}
