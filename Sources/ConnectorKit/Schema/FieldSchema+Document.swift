/// Reading a schema file as `hookline schema infer` writes it, in either of its forms.
extension FieldSchema {
    /// The object schema a document describes: a JSON Schema 2020-12 (an object) or a field
    /// list (an array of fields, the members of an object).
    public init(document: JSONValue) throws(DiagnosticsError) {
        if case .array = document {
            self.init(name: "", type: .object, properties: try FieldSchema.fields(fromFieldList: document))
        } else {
            try self.init(jsonSchema: document)
        }
    }
}
