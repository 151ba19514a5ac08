/// A compiled mapping: turns a trigger's event into an action's input.
///
/// Build one with ``MappingCompiler``, which checks it against the source and target schemas
/// first. Applying it never re-parses anything.
public struct Mapping: Sendable {
    let fields: [CompiledMappingField]

    /// The action input for `event`.
    /// - Throws: ``MappingError`` with every field that failed (a `fail` field with no source,
    ///   a value that does not coerce to its target type, a template over its limits).
    public func apply(to event: JSONValue) throws(MappingError) -> JSONValue {
        var problems: [Diagnostic] = []
        let result = MappingEvaluator.object(fields, contexts: [event], problems: &problems)
        if !problems.isEmpty { throw MappingError(problems) }
        return .object(result)
    }
}

/// Evaluates compiled expressions over a context stack (the event, then `each` elements).
enum MappingEvaluator {
    static func object(_ fields: [CompiledMappingField], contexts: [JSONValue], problems: inout [Diagnostic]) -> JSONObject {
        var object = JSONObject()
        object.reserveCapacity(fields.count)
        for field in fields {
            if let value = self.field(field, contexts: contexts, problems: &problems) {
                object.appendUnchecked(key: field.name, value: value)
            }
        }
        return object
    }

    /// The field's value, or `nil` when it is left out (or failed; see `problems`).
    private static func field(_ field: CompiledMappingField, contexts: [JSONValue], problems: inout [Diagnostic]) -> JSONValue? {
        var value: JSONValue?
        do {
            value = try evaluate(field.expression, contexts: contexts, problems: &problems, location: field.location)
        } catch {
            problems.append(Diagnostic(.error, error.message, at: field.location))
            return nil
        }
        let textTarget = field.target.map { $0.type == .string || $0.type == .any } ?? true
        if case .string("")? = value, !textTarget { value = nil }
        let present: JSONValue
        if let value {
            present = value
        } else {
            switch field.onMissing {
            case .omit: return nil
            case .null: return .null
            case .default: present = field.defaultValue ?? .null
            case .fail:
                problems.append(Diagnostic(.error, "'\(field.name)' has no value: its source is missing", at: field.location,
                                           hint: "onMissing is fail; give the event the field, or choose omit, null or default"))
                return nil
            }
        }
        guard let target = field.target else { return present }
        switch MappingCoercion.coerce(present, to: target) {
        case .success(let coerced):
            return coerced
        case .failure(let failure):
            problems.append(Diagnostic(.error, "'\(field.name)': the value \(failure.message) (target type \(target.type.rawValue))", at: field.location))
            return nil
        }
    }

    static func evaluate(_ expression: CompiledMappingExpression, contexts: [JSONValue], problems: inout [Diagnostic],
                         location: String) throws(TemplateRenderError) -> JSONValue? {
        switch expression {
        case .reference(let path):
            return TemplateRenderer.resolve(path, contexts: contexts, data: [])
        case .template(let template):
            return .string(String(decoding: try template.renderBytes(contexts: contexts, escaping: .none), as: UTF8.self))
        case .literal(let value):
            return value
        case .conditional(let condition, let then, let otherwise):
            let test = try evaluate(condition, contexts: contexts, problems: &problems, location: location)
            if isTrue(test) { return try evaluate(then, contexts: contexts, problems: &problems, location: location) }
            guard let otherwise else { return nil }
            return try evaluate(otherwise, contexts: contexts, problems: &problems, location: location)
        case .each(let path, let fields):
            guard let source = TemplateRenderer.resolve(path, contexts: contexts, data: []) else { return nil }
            guard case .array(let elements) = source else {
                if case .null = source { return nil }
                throw TemplateRenderError("each: '\(path.original)' is a \(source.typeName), not an array")
            }
            var mapped: [JSONValue] = []
            mapped.reserveCapacity(elements.count)
            for element in elements {
                mapped.append(.object(object(fields, contexts: contexts + [element], problems: &problems)))
            }
            return .array(mapped)
        case .coalesce(let candidates):
            for candidate in candidates {
                switch try evaluate(candidate, contexts: contexts, problems: &problems, location: location) {
                case nil, .null?, .string("")?: continue
                case let value?: return value
                }
            }
            return nil
        case .object(let fields):
            return .object(object(fields, contexts: contexts, problems: &problems))
        case .array(let elements):
            var values: [JSONValue] = []
            for element in elements {
                if let value = try evaluate(element, contexts: contexts, problems: &problems, location: location) { values.append(value) }
            }
            return .array(values)
        }
    }

    /// Handlebars truthiness, with the text "false" (as a template renders it) false.
    private static func isTrue(_ value: JSONValue?) -> Bool {
        if case .string(let text)? = value, text == "false" { return false }
        return TemplateValue.isTruthy(value)
    }
}
