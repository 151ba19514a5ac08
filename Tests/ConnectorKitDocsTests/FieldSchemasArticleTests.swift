import ConnectorKit
import Testing

/// FieldSchemas.md's inference example: the samples infer to the schema shown, and that schema
/// reads back to the same field schema.
@Suite struct FieldSchemasArticleTests {
    static let blocks = DocumentationCatalog.blocks(of: try! DocumentationCatalog.text("FieldSchemas.md"))

    @Test func theSamplesInferToTheSchemaShownAndItRoundTrips() throws {
        let samples = try #require(Self.blocks.first { $0.label == "Samples:" }, "FieldSchemas.md has no Samples: block")
        let shown = try #require(Self.blocks.first { $0.label == "Schema:" }, "FieldSchemas.md has no Schema: block")
        let inferred = try SchemaInferrer().infer(samples: try #require(JSONParser.parse(samples.body).arrayValue)).schema
        #expect(inferred.jsonSchema() == (try JSONParser.parse(shown.body)), "FieldSchemas.md:\(shown.line): inference gives\n\(inferred.jsonSchema())")
        #expect(try FieldSchema(jsonSchema: JSONParser.parse(shown.body)) == inferred)
        #expect(try FieldSchema.fields(fromFieldList: FieldSchema.fieldList(inferred.properties ?? [])) == inferred.properties ?? [])
    }
}
