/// Converting a mapped value to the target field's type, without silent loss.
enum MappingCoercion {
    /// `value` as `target` expects it, or a message saying why it cannot be.
    static func coerce(_ value: JSONValue, to target: FieldSchema) -> Result<JSONValue, CoercionFailure> {
        if case .null = value {
            return target.nullable || target.type == .any ? .success(.null) : .failure(CoercionFailure("is null but the field is not nullable"))
        }
        switch target.type {
        case .any:
            return .success(value)
        case .string:
            switch value {
            case .string: return .success(value)
            case .integer, .number, .bool: return .success(.string(TemplateValue.text(value)))
            default: return .failure(CoercionFailure("is an \(value.typeName), not text"))
            }
        case .integer:
            switch value {
            case .integer: return .success(value)
            case .number(let number) where number.isIntegral: return .success(value)
            case .number(let number):
                let double = number.doubleValue
                if double == double.rounded(), abs(double) < 9.2e18 { return .success(.integer(Int64(double))) }
                return .failure(CoercionFailure("\(number.literal) is not a whole number"))
            case .string(let text):
                let trimmed = text.trimmingWhitespace()
                if let integer = Int64(trimmed) { return .success(.integer(integer)) }
                return .failure(CoercionFailure("\(quoted(text)) is not an integer"))
            default: return .failure(CoercionFailure("is a \(value.typeName), not an integer"))
            }
        case .number:
            switch value {
            case .integer, .number: return .success(value)
            case .string(let text):
                if let parsed = try? JSONParser.parse(text.trimmingWhitespace()), parsed.isNumber { return .success(parsed) }
                return .failure(CoercionFailure("\(quoted(text)) is not a number"))
            default: return .failure(CoercionFailure("is a \(value.typeName), not a number"))
            }
        case .boolean:
            switch value {
            case .bool: return .success(value)
            case .integer(0): return .success(.bool(false))
            case .integer(1): return .success(.bool(true))
            case .string(let text):
                switch text.trimmingWhitespace().lowercased() {
                case "true", "yes", "1": return .success(.bool(true))
                case "false", "no", "0": return .success(.bool(false))
                default: return .failure(CoercionFailure("\(quoted(text)) is not true/false/yes/no/1/0"))
                }
            default: return .failure(CoercionFailure("is a \(value.typeName), not a boolean"))
            }
        case .date, .dateTime:
            guard let time = CivilTime.parse(value) else {
                return .failure(CoercionFailure("\(quoted(TemplateValue.text(value))) is not a date (RFC 3339, YYYY-MM-DD HH:MM:SS +00:00, YYYY-MM-DD or Unix time)"))
            }
            let pattern = target.type == .date ? "yyyy-MM-dd" : (time.nanosecond == 0 ? "yyyy-MM-dd'T'HH:mm:ssXXX" : "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            guard let format = try? DateFormatPattern(pattern) else { return .failure(CoercionFailure("internal date pattern")) }
            return .success(.string(format.format(time)))
        case .object:
            if case .object = value { return .success(value) }
            return .failure(CoercionFailure("is a \(value.typeName), not an object"))
        case .array:
            if case .array = value { return .success(value) }
            return .failure(CoercionFailure("is a \(value.typeName), not an array"))
        }
    }

    private static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
        return "\"\(shown)\""
    }

    /// Whether values of `source` can ever become `target` (a compile-time check).
    static func isPossible(from source: FieldSchema, to target: FieldSchema) -> Bool {
        let scalar: Set<FieldType> = [.string, .integer, .number, .boolean, .date, .dateTime]
        switch (source.type, target.type) {
        case (.any, _), (_, .any): return true
        case (.object, .object), (.array, .array): return true
        case (.object, _), (.array, _), (_, .object), (_, .array): return false
        case (.boolean, .date), (.boolean, .dateTime), (.date, .boolean), (.dateTime, .boolean),
             (.date, .integer), (.date, .number), (.dateTime, .integer), (.dateTime, .number):
            return false
        default: return scalar.contains(source.type) && scalar.contains(target.type)
        }
    }
}

/// Why a value does not fit its target.
struct CoercionFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension JSONValue {
    /// Whether this is a number (an integer or not).
    public var isNumber: Bool {
        switch self {
        case .integer, .number: true
        default: false
        }
    }
}
