import ConnectorKit

/// Form fields typed as the flow's own samples or schema say. A form body is all text, but a
/// journey webhook's fields are numbers, booleans and text: `loanAmount=25000` is the number
/// 25000 where the samples have a number there, so mappings and drift see the same event a
/// JSON body would give.
enum FormFieldTyping {
    /// `event` (an object of strings) with each member the schema types as an integer, number,
    /// boolean, object or array turned into that type when its text is one (JSON's spelling:
    /// `25000`, `2.5`, `true`, `{"a":1}`); anything else stays text.
    static func typed(_ event: JSONValue, by schema: FieldSchema) -> JSONValue {
        guard case .object(var object) = event, let properties = schema.properties else { return event }
        for field in properties {
            guard case .string(let text)? = object[field.name], let value = value(text, as: field.type) else { continue }
            object[field.name] = value
        }
        return .object(object)
    }

    private static func value(_ text: String, as type: FieldType) -> JSONValue? {
        switch type {
        case .integer, .number, .boolean, .object, .array:
            guard let parsed = try? JSONParser.parse(text) else { return nil }
            switch (type, parsed) {
            case (.integer, .integer), (.number, .integer), (.number, .number), (.boolean, .bool), (.object, .object), (.array, .array):
                return parsed
            default:
                return nil
            }
        case .string, .date, .dateTime, .any:
            return nil
        }
    }
}
