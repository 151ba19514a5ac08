/// Compiles a mapping spec (from JSON or YAML) and checks it before anything runs.
///
/// A spec is an object: action field → expression. Expressions:
/// - `"text {{path}}"`: a template (standard helpers); a string that is exactly one `{{ref}}`
///   keeps the referenced value's JSON type;
/// - `{path: "dataFields.promotionId"}`: the value, typed; `{literal: ...}`; `{template: "..."}`
///   (always text);
/// - `{if: condition, then: ..., else: ...}`; `{each: "items", map: {...}}`; `{coalesce: [...]}`;
/// - a nested object of fields, or an array of expressions; numbers, booleans and null as is.
/// Any field may add `onMissing: omit | null | default | fail` and `default: value`.
///
/// Checks, all collected as ``Diagnostic``s located at the mapping key (and, with
/// ``locate``, at `file:line:column`): unknown source paths (with "did you mean"), unknown or
/// missing required target fields, unsatisfied one-of-required groups, impossible coercions,
/// template syntax errors, and warnings for sources that may be absent or null.
///
/// A target object that lists its fields and also takes others (``FieldSchema/additionalProperties``,
/// as Regal's custom traits) accepts unknown keys, typed by that schema; known keys keep their
/// checks and coercions.
public struct MappingCompiler: Sendable {
    /// The trigger's output schema (e.g. inferred from samples); `nil` skips source checks.
    public var source: FieldSchema?
    /// When the source may hold members its schema does not list (a body the sender composes,
    /// with no samples or schema of the user's), an unknown source path is a warning naming
    /// ``openSourceHint``, not an error.
    public var sourceIsOpen = false
    /// How to close an open source, said with each unknown path's warning.
    public var openSourceHint = "add a sample event that has it, or a schema, so the path is checked"
    /// More to say of an unknown source path (its member names), said with its diagnostic.
    public var explainUnknownSourcePath: (@Sendable ([String]) -> String?)?
    /// The action's input fields; `nil` skips target checks and coercion.
    public var target: [FieldSchema]?
    public var helpers: TemplateHelpers
    /// Maps a JSON Pointer inside the spec to `file:line:column`, when the spec came from a file.
    public var locate: @Sendable (String) -> String?

    public init(source: FieldSchema? = nil, target: [FieldSchema]? = nil, helpers: TemplateHelpers = .standard,
                locate: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.source = source
        self.target = target
        self.helpers = helpers
        self.locate = locate
    }

    /// The compiled mapping (when there are no errors) and every diagnostic, errors first.
    public func compile(_ spec: JSONValue) -> (mapping: Mapping?, diagnostics: [Diagnostic]) {
        var session = MappingCompilation(compiler: self)
        let fields = session.fields(spec, at: "", targets: target, sources: source.map { [$0] } ?? [])
        let diagnostics = session.diagnostics.filter { $0.severity == .error } + session.diagnostics.filter { $0.severity != .error }
        guard let fields, !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        return (Mapping(fields: fields), diagnostics)
    }
}

/// The state of one compilation: diagnostics so far.
struct MappingCompilation {
    let compiler: MappingCompiler
    var diagnostics: [Diagnostic] = []

    static let keywords = ["path", "literal", "template", "if", "then", "else", "each", "map", "coalesce", "onMissing", "default"]

    init(compiler: MappingCompiler) {
        self.compiler = compiler
    }

    mutating func report(_ severity: Diagnostic.Severity, _ message: String, at pointer: String, hint: String? = nil) {
        let key = pointer.isEmpty ? "(mapping)" : pointer
        let location = compiler.locate(pointer).map { "\($0) (\(key))" } ?? key
        diagnostics.append(Diagnostic(severity, message, at: location, hint: hint))
    }

    // MARK: - Fields

    /// The fields of an object spec at `pointer`, checked against `targets` (nil: unchecked);
    /// `others`, when given, is the schema of the keys `targets` does not list (an open object).
    /// `sources` is the stack of source schemas: the event, then `each` items.
    mutating func fields(_ spec: JSONValue, at pointer: String, targets: [FieldSchema]?, others: FieldSchema? = nil,
                         sources: [FieldSchema]) -> [CompiledMappingField]? {
        guard let object = spec.objectValue else {
            report(.error, "a mapping is an object of action field → expression, found \(spec.typeName)", at: pointer)
            return nil
        }
        var fields: [CompiledMappingField] = []
        for (name, value) in object {
            let location = pointer + "/" + JSONPath.pointerToken(name)
            var targetField: FieldSchema?
            if let targets {
                targetField = targets.first { $0.name == name }
                if targetField == nil, var other = others {
                    other.name = name
                    other.optional = true
                    targetField = other
                } else if targetField == nil {
                    report(.error, "unknown target field '\(name)'", at: location,
                           hint: Suggestion.closest(to: name, in: targets.map(\.name)).map { "did you mean '\($0)'?" }
                               ?? "the action's fields are \(targets.map(\.name).joined(separator: ", "))")
                }
            }
            if let field = self.field(name, value, at: location, target: targetField, sources: sources) { fields.append(field) }
        }
        if let targets { checkCoverage(object, targets: targets, at: pointer) }
        return fields
    }

    private mutating func checkCoverage(_ object: JSONObject, targets: [FieldSchema], at pointer: String) {
        for target in targets where !target.optional && target.requiredGroup == nil && target.defaultValue == nil && object[target.name] == nil {
            report(.error, "missing required field '\(target.name)'", at: pointer, hint: "map '\(target.name)' (\(target.type.rawValue))")
        }
        var groups: [String: [String]] = [:]
        var order: [String] = []
        for target in targets {
            guard let group = target.requiredGroup else { continue }
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(target.name)
        }
        for group in order where !groups[group]!.contains(where: { object[$0] != nil }) {
            report(.error, "map at least one of \(groups[group]!.joined(separator: ", "))", at: pointer,
                   hint: "the action needs one of them (group '\(group)')")
        }
    }

    private mutating func field(_ name: String, _ value: JSONValue, at location: String, target: FieldSchema?, sources: [FieldSchema]) -> CompiledMappingField? {
        var onMissing = MappingOnMissing.omit
        var defaultValue: JSONValue?
        var explicitOnMissing = false
        if let object = value.objectValue, isExpressionObject(object) {
            if let mode = object["onMissing"] {
                if let text = mode.stringValue, let parsed = MappingOnMissing(rawValue: text) {
                    onMissing = parsed
                    explicitOnMissing = true
                } else {
                    report(.error, "onMissing must be one of \(MappingOnMissing.allCases.map(\.rawValue).joined(separator: ", "))", at: location + "/onMissing")
                }
            }
            if let given = object["default"] {
                defaultValue = given
                if !explicitOnMissing { onMissing = .default }
                if let target, case .failure(let failure) = MappingCoercion.coerce(given, to: target) {
                    report(.error, "the default \(failure.message) (target type \(target.type.rawValue))", at: location + "/default")
                }
            }
        }
        if onMissing == .default, defaultValue == nil {
            report(.error, "onMissing is default but no default is given", at: location, hint: "add default: <value>")
        }
        guard let expression = self.expression(value, at: location, target: target, sources: sources, required: target.map { !$0.optional } ?? false, onMissing: onMissing) else {
            return nil
        }
        return CompiledMappingField(name: name, location: compiler.locate(location).map { "\($0) (\(location))" } ?? location,
                                    expression: expression, onMissing: onMissing, defaultValue: defaultValue, target: target)
    }

    private func isExpressionObject(_ object: JSONObject) -> Bool {
        object.keys.contains { ["path", "literal", "template", "if", "each", "coalesce"].contains($0) }
    }

    // MARK: - Expressions

    mutating func expression(_ value: JSONValue, at location: String, target: FieldSchema?, sources: [FieldSchema],
                             required: Bool = false, onMissing: MappingOnMissing = .omit) -> CompiledMappingExpression? {
        switch value {
        case .string(let text):
            return templateExpression(text, at: location, target: target, sources: sources, required: required, onMissing: onMissing, forceText: false)
        case .null, .bool, .integer, .number:
            checkLiteral(value, at: location, target: target)
            return .literal(value)
        case .array(let elements):
            if let target, target.type != .array, target.type != .any {
                report(.error, "an array cannot fill the \(target.type.rawValue) field", at: location)
            }
            let item = target?.of?.value
            var compiled: [CompiledMappingExpression] = []
            for (index, element) in elements.enumerated() {
                if let expression = expression(element, at: "\(location)/\(index)", target: item, sources: sources) { compiled.append(expression) }
            }
            return .array(compiled)
        case .object(let object):
            if isExpressionObject(object) {
                return keywordExpression(object, at: location, target: target, sources: sources, required: required, onMissing: onMissing)
            }
            if let target, target.type != .object, target.type != .any {
                report(.error, "a nested mapping cannot fill the \(target.type.rawValue) field", at: location,
                       hint: "use {path: ...}, {literal: ...} or a template string")
                return nil
            }
            let nestedTargets = target.flatMap { $0.type == .object ? $0.properties : nil }
            let others = target.flatMap { $0.type == .object ? $0.additionalProperties?.value : nil }
            return fields(value, at: location, targets: nestedTargets, others: others, sources: sources).map(CompiledMappingExpression.object)
        }
    }

    private mutating func keywordExpression(_ object: JSONObject, at location: String, target: FieldSchema?, sources: [FieldSchema],
                                            required: Bool, onMissing: MappingOnMissing) -> CompiledMappingExpression? {
        for key in object.keys where !Self.keywords.contains(key) {
            report(.error, "unknown key '\(key)' in a mapping expression", at: location + "/" + JSONPath.pointerToken(key),
                   hint: Suggestion.closest(to: key, in: Self.keywords).map { "did you mean '\($0)'?" } ?? "keys: \(Self.keywords.joined(separator: ", "))")
        }
        let forms = ["path", "literal", "template", "if", "each", "coalesce"].filter { object[$0] != nil }
        guard forms.count == 1 else {
            report(.error, "use one of \(forms.joined(separator: ", ")) in one expression", at: location)
            return nil
        }
        switch forms[0] {
        case "path":
            guard let text = object["path"]?.stringValue else {
                report(.error, "path must be a dotted path string such as dataFields.promotionId", at: location + "/path")
                return nil
            }
            do {
                let path = try JSONPath(dotted: text)
                let segments = path.components.map { component -> String in
                    switch component {
                    case .key(let key): key
                    case .index(let index): String(index)
                    }
                }
                let reference = TemplatePath(up: 0, segments: segments, isData: false, isExplicit: false, original: text)
                checkReference(reference, at: location + "/path", target: target, sources: sources, required: required, onMissing: onMissing)
                return .reference(reference)
            } catch {
                report(.error, "\(error)", at: location + "/path")
                return nil
            }
        case "literal":
            let value = object["literal"]!
            checkLiteral(value, at: location + "/literal", target: target)
            return .literal(value)
        case "template":
            guard let text = object["template"]?.stringValue else {
                report(.error, "template must be a string", at: location + "/template")
                return nil
            }
            return templateExpression(text, at: location + "/template", target: target, sources: sources, required: required, onMissing: onMissing, forceText: true)
        case "if":
            for key in ["map"] where object[key] != nil { report(.error, "'\(key)' belongs to each, not if", at: location + "/" + key) }
            guard let then = object["then"] else {
                report(.error, "if needs then (and may have else)", at: location)
                return nil
            }
            let condition = expression(object["if"]!, at: location + "/if", target: nil, sources: sources)
            let thenExpression = expression(then, at: location + "/then", target: target, sources: sources)
            let elseExpression = object["else"].flatMap { expression($0, at: location + "/else", target: target, sources: sources) }
            guard let condition, let thenExpression else { return nil }
            return .conditional(condition, then: thenExpression, else: elseExpression)
        case "each":
            guard let pathText = object["each"]?.stringValue, let path = try? JSONPath(dotted: pathText) else {
                report(.error, "each must be a dotted path to an array", at: location + "/each")
                return nil
            }
            guard let map = object["map"] else {
                report(.error, "each needs map: {field: expression, ...} for each element", at: location)
                return nil
            }
            let segments = path.components.map { component -> String in
                switch component {
                case .key(let key): key
                case .index(let index): String(index)
                }
            }
            let reference = TemplatePath(up: 0, segments: segments, isData: false, isExplicit: false, original: pathText)
            let itemSource = checkReference(reference, at: location + "/each", target: nil, sources: sources, required: false, onMissing: .omit)
            var innerSources = sources
            if let itemSource {
                if itemSource.type == .array || itemSource.type == .any {
                    innerSources.append(itemSource.of?.value ?? FieldSchema(name: "", type: .any))
                } else {
                    report(.error, "each: '\(pathText)' is a \(itemSource.type.rawValue), not an array", at: location + "/each")
                }
            } else if !sources.isEmpty {
                innerSources.append(FieldSchema(name: "", type: .any))
            }
            if let target, target.type != .array, target.type != .any {
                report(.error, "each makes an array; the field is \(target.type.rawValue)", at: location)
            }
            let item = target?.of?.value
            guard let fields = fields(map, at: location + "/map", targets: item?.properties, others: item?.additionalProperties?.value,
                                      sources: innerSources) else { return nil }
            return .each(reference, fields)
        default: // coalesce
            guard let candidates = object["coalesce"]?.arrayValue, !candidates.isEmpty else {
                report(.error, "coalesce takes a non-empty array of expressions", at: location + "/coalesce")
                return nil
            }
            var compiled: [CompiledMappingExpression] = []
            for (index, candidate) in candidates.enumerated() {
                if let expression = expression(candidate, at: "\(location)/coalesce/\(index)", target: target, sources: sources) { compiled.append(expression) }
            }
            return .coalesce(compiled)
        }
    }

    private mutating func templateExpression(_ text: String, at location: String, target: FieldSchema?, sources: [FieldSchema],
                                             required: Bool, onMissing: MappingOnMissing, forceText: Bool) -> CompiledMappingExpression? {
        let template: Template
        do {
            template = try Template(text, helpers: compiler.helpers)
        } catch {
            report(.error, "template: \(error.message) at \(error.line):\(error.column)", at: location, hint: error.excerpt)
            return nil
        }
        if !forceText, let reference = template.singleTemplatePath {
            checkReference(reference, at: location, target: target, sources: sources, required: required, onMissing: onMissing)
            return .reference(reference)
        }
        for reference in template.rootReferences {
            checkReference(reference, at: location, target: nil, sources: sources, required: false, onMissing: .omit)
        }
        if let target, [.object, .array].contains(target.type) {
            report(.error, "a template renders text; the field is an \(target.type.rawValue)", at: location,
                   hint: "use {path: ...} or a single {{reference}}")
        }
        return .template(template)
    }

    private mutating func checkLiteral(_ value: JSONValue, at location: String, target: FieldSchema?) {
        guard let target else { return }
        if case .failure(let failure) = MappingCoercion.coerce(value, to: target) {
            report(.error, "the literal \(failure.message) (target type \(target.type.rawValue))", at: location)
        }
    }

    /// Checks a reference against the source schemas (innermost first, then outer: Mustache
    /// lookup), and its type against the target. Returns the source field when known.
    @discardableResult
    private mutating func checkReference(_ reference: TemplatePath, at location: String, target: FieldSchema?, sources: [FieldSchema],
                                         required: Bool, onMissing: MappingOnMissing) -> FieldSchema? {
        guard !sources.isEmpty, !reference.isData, !reference.segments.isEmpty else { return nil }
        // Like the renderer: the innermost source that has the first member decides.
        var firstFailure: (index: Int, message: String, suggestion: String?)?
        search: for source in sources.reversed() {
            switch source.resolve(reference.segments) {
            case .unchecked:
                return nil
            case .found(let field):
                checkTypes(field, reference, at: location, target: target, required: required, onMissing: onMissing)
                return field
            case .unknown(let index, let message, let suggestion):
                if firstFailure == nil || index > 0 { firstFailure = (index, message, suggestion) }
                if index > 0 { break search }
            }
        }
        if let failure = firstFailure {
            let prefix = reference.segments.prefix(failure.index).joined(separator: ".")
            let suggestion = failure.suggestion.map { suggestion in
                (prefix.isEmpty ? "" : prefix + ".") + suggestion + (reference.segments.count > failure.index + 1 ? "." + reference.segments[(failure.index + 1)...].joined(separator: ".") : "")
            }
            let message = "unknown source path '\(reference.original)': \(prefix.isEmpty ? "the event" : "'" + prefix + "'") \(failure.message)"
            let explanation = compiler.explainUnknownSourcePath?(reference.segments)
            if compiler.sourceIsOpen {
                let hint = (suggestion.map { "did you mean '\($0)'? Otherwise " } ?? "") + (explanation.map { $0 + "; or " } ?? "") + compiler.openSourceHint
                report(.warning, message, at: location, hint: hint)
            } else {
                let hint = [suggestion.map { "did you mean '\($0)'?" }, explanation].compactMap { $0 }.joined(separator: " ")
                report(.error, message, at: location, hint: hint.isEmpty ? nil : hint)
            }
        }
        return nil
    }

    private mutating func checkTypes(_ source: FieldSchema, _ reference: TemplatePath, at location: String, target: FieldSchema?,
                                     required: Bool, onMissing: MappingOnMissing) {
        guard let target else { return }
        if !MappingCoercion.isPossible(from: source, to: target) {
            report(.error, "'\(reference.original)' is \(article(source.type)) \(source.type.rawValue) and cannot become the \(target.type.rawValue) field '\(target.name)'",
                   at: location)
            return
        }
        if required, onMissing == .omit, source.optional {
            report(.warning, "'\(reference.original)' may be absent, and '\(target.name)' is required: it would be left out", at: location,
                   hint: "add onMissing: fail, or a default")
        }
        if source.nullable, !target.nullable, target.type != .any {
            report(.warning, "'\(reference.original)' may be null but '\(target.name)' is not nullable", at: location)
        }
    }

    private func article(_ type: FieldType) -> String {
        ["integer", "object", "array", "any"].contains(type.rawValue) ? "an" : "a"
    }
}
