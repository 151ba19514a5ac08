import ConnectorKit

/// Field schemas several Iterable actions share.
enum IterableFields {
    /// Free-form data fields (`dataFields`), optional.
    static func dataFields(_ hint: String) -> FieldSchema {
        FieldSchema(name: "dataFields", type: .object, optional: true, hint: hint)
    }

    /// An optional integer field.
    static func integer(_ name: String, _ hint: String, optional: Bool = true) -> FieldSchema {
        FieldSchema(name: name, type: .integer, optional: optional, hint: hint)
    }

    /// An optional boolean field.
    static func boolean(_ name: String, _ hint: String) -> FieldSchema {
        FieldSchema(name: name, type: .boolean, optional: true, hint: hint)
    }

    /// An optional array of integers (list, channel, message-type ids).
    static func integers(_ name: String, _ hint: String) -> FieldSchema {
        FieldSchema(name: name, type: .array, optional: true, hint: hint, of: FieldSchema(name: "", type: .integer))
    }

    /// An array of strings, always present in the output.
    static func strings(_ name: String, _ hint: String) -> FieldSchema {
        FieldSchema(name: name, type: .array, hint: hint, of: FieldSchema(name: "", type: .string))
    }

    /// Iterable's common answer `{"msg", "code", "params"}`.
    static let response: [FieldSchema] = [
        FieldSchema(name: "code", type: .string, hint: "Iterable's result code: Success."),
        FieldSchema(name: "msg", type: .string, optional: true, hint: "Iterable's message."),
        FieldSchema(name: "params", type: .object, optional: true, nullable: true, hint: "Details Iterable adds, if any."),
    ]

    /// The members of `input` that `fields` declare, in their order (nothing else is sent).
    static func body(_ input: JSONValue, _ fields: [FieldSchema]) -> JSONValue {
        var object = JSONObject()
        for field in fields {
            if let value = input[field.name] { object[field.name] = value }
        }
        return .object(object)
    }
}
