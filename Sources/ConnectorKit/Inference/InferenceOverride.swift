/// A decision for one path that replaces inference's heuristics, written `POINTER=RULE`
/// (for example `/dataFields/payload=map` or `/items/*/sku=type:string`).
///
/// The pointer is an RFC 6901 JSON Pointer into the samples; `*` stands for every array item
/// and every value of a map.
public struct InferenceOverride: Sendable, Hashable, CustomStringConvertible {
    /// What to decide at the path.
    public enum Rule: Sendable, Hashable {
        /// Treat the object as a map (keys are data; values share one schema).
        case map
        /// Treat the object as a record with named properties, however many keys it has.
        case object
        /// Accept any value here.
        case any
        /// Make the strings an enum of the values seen.
        case enumerate
        /// Never make an enum here.
        case noEnum
        /// Never infer a format here.
        case noFormat
        /// Use this type (and no inferred format).
        case type(FieldType)
        /// Use this format.
        case format(FieldFormat)
        /// Mark the field optional.
        case optional
        /// Mark the field required.
        case required
        /// Mark the field nullable.
        case nullable
    }

    /// The pointer's segments (unescaped).
    public var path: [String]
    public var rule: Rule

    public init(path: [String], rule: Rule) {
        self.path = path
        self.rule = rule
    }

    /// Parses `POINTER=RULE`; the error message says what was wrong and lists the valid rules.
    public init(parsing text: String) throws(InferenceOverrideError) {
        guard let equals = text.lastIndex(of: "=") else {
            throw InferenceOverrideError(text: text, message: "expected POINTER=RULE, e.g. /dataFields/payload=map")
        }
        let pointer = String(text[..<equals])
        let ruleText = String(text[text.index(after: equals)...])
        guard pointer.isEmpty || pointer.hasPrefix("/") else {
            throw InferenceOverrideError(text: text, message: "the path must be a JSON Pointer starting with '/' (or empty for the root)")
        }
        do {
            path = try JSONPath(pointer: pointer).components.map {
                switch $0 {
                case .key(let key): key
                case .index(let index): String(index)
                }
            }
        } catch {
            throw InferenceOverrideError(text: text, message: "the path is not a valid JSON Pointer: \(error)")
        }
        guard let rule = Self.rule(named: ruleText) else {
            throw InferenceOverrideError(
                text: text,
                message: "unknown rule '\(ruleText)'; use one of map, object, any, enum, no-enum, no-format, optional, required, nullable, type:<\(FieldType.allCases.map(\.rawValue).joined(separator: "|"))>, format:<name>"
            )
        }
        self.rule = rule
    }

    private static func rule(named name: String) -> Rule? {
        switch name {
        case "map": return .map
        case "object": return .object
        case "any": return .any
        case "enum": return .enumerate
        case "no-enum": return .noEnum
        case "no-format": return .noFormat
        case "optional": return .optional
        case "required": return .required
        case "nullable": return .nullable
        default:
            if name.hasPrefix("type:"), let type = FieldType(rawValue: String(name.dropFirst(5))) { return .type(type) }
            if name.hasPrefix("format:"), name.count > 7 { return .format(FieldFormat(rawValue: String(name.dropFirst(7)))) }
            return nil
        }
    }

    public var description: String {
        "\(JSONPath(path.map { .key($0) }).pointer)=\(ruleName)"
    }

    private var ruleName: String {
        switch rule {
        case .map: "map"
        case .object: "object"
        case .any: "any"
        case .enumerate: "enum"
        case .noEnum: "no-enum"
        case .noFormat: "no-format"
        case .optional: "optional"
        case .required: "required"
        case .nullable: "nullable"
        case .type(let type): "type:\(type.rawValue)"
        case .format(let format): "format:\(format.rawValue)"
        }
    }
}

/// An override that could not be parsed.
public struct InferenceOverrideError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var description: String { "invalid override '\(text)': \(message)" }
}
