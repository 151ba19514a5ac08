/// Turns a finished ``ValueSummary`` into a ``FieldSchema``, applying the heuristics and the
/// overrides, and noting why each decision was made.
struct SchemaSynthesizer {
    let options: InferenceOptions
    private(set) var notes: [InferenceNote] = []
    /// Indices of the overrides that matched some path.
    private(set) var usedOverrides: Set<Int> = []

    init(options: InferenceOptions) {
        self.options = options
    }

    /// The field for the values at `path` summarised by `summary`.
    mutating func field(named name: String, from summary: ValueSummary, path: [String]) -> FieldSchema {
        let rules = overrides(at: path)
        var field = FieldSchema(name: name, type: .any)
        var kinds = summary.kinds
        if kinds.contains(.null) {
            field.nullable = true
            note(path, "nullable: null was seen")
            kinds.remove(.null)
        }
        if kinds.isSuperset(of: [.integer, .number]) {
            kinds.remove(.integer)
            note(path, "number: integers and fractions were both seen (integer widens to number)")
        }
        if let forced = rules.lazy.compactMap(\.forcedType).first {
            field.type = forced
            note(path, "type \(forced.rawValue): override")
            if forced == .object, let object = summary.object { describeObject(object, into: &field, path: path, rules: rules) }
            if forced == .array, let items = summary.items { field.of = Box(self.field(named: "", from: items, path: path + ["*"])) }
        } else if kinds.isEmpty {
            note(path, field.nullable ? "any type: only null was seen" : "any type: no value was seen")
        } else if kinds.rawValue & (kinds.rawValue - 1) != 0 {
            let seen = kinds.names.joined(separator: ", ")
            field.hint = "Seen as \(seen)."
            note(path, "any type: the samples disagree (\(seen))")
        } else if kinds == .boolean {
            field.type = .boolean
        } else if kinds == .integer {
            field.type = .integer
        } else if kinds == .number {
            field.type = .number
        } else if kinds == .string {
            describeString(summary, into: &field, path: path, rules: rules)
        } else if kinds == .object, let object = summary.object {
            describeObject(object, into: &field, path: path, rules: rules)
        } else if kinds == .array {
            field.type = .array
            if let items = summary.items {
                field.of = Box(self.field(named: "", from: items, path: path + ["*"]))
            } else {
                note(path, "array items unconstrained: only empty arrays were seen")
            }
        }
        for rule in rules {
            switch rule {
            case .nullable: field.nullable = true
            case .format(let format): field.format = format
            default: break
            }
        }
        return field
    }

    // MARK: - Strings

    /// Formats in priority order, with the type or format each one gives a string field.
    private static let formatPriority: [(FormatSet, FieldType, FieldFormat?, String)] = [
        (.dateTime, .dateTime, nil, "RFC 3339 date-time"),
        (.date, .date, nil, "date"),
        (.time, .string, .time, "time"),
        (.uuid, .string, .uuid, "uuid"),
        (.email, .string, .email, "email"),
        (.phone, .string, .phone, "E.164 phone"),
        (.uri, .string, .uri, "uri"),
    ]

    private mutating func describeString(_ summary: ValueSummary, into field: inout FieldSchema, path: [String], rules: [InferenceOverride.Rule]) {
        field.type = .string
        if summary.sawEmptyString { note(path, "the empty string was seen (kept apart from absent and null)") }
        if !rules.contains(.noFormat) {
            if let match = Self.formatPriority.first(where: { summary.formatsOfAll.contains($0.0) }) {
                field.type = match.1
                field.format = match.2
                note(path, "format \(match.3): every value matched")
            } else if options.explain {
                let partial = Self.formatPriority.filter { summary.formatsOfSome.contains($0.0) }.map(\.3)
                if !partial.isEmpty {
                    let why = summary.sawEmptyString ? "the empty string was seen" : "not every value matched"
                    note(path, "no format: \(partial.joined(separator: ", ")) rejected, \(why)")
                }
            }
        }
        let enumRequested = rules.contains(.enumerate)
        guard (options.enums || enumRequested), !rules.contains(.noEnum), field.type == .string, field.format == nil,
              let values = summary.stringValues
        else { return }
        let distinct = values.count
        let samples = summary.samples?.count ?? 0
        if summary.sawLongString {
            note(path, "no enum: a value longer than \(SummaryTracking.maxEnumValueLength) bytes was seen")
        } else if distinct > options.maxEnumValues {
            note(path, "no enum: more than \(options.maxEnumValues) distinct values")
        } else if !enumRequested, samples < max(options.minEnumSamples, 2 * distinct) {
            note(path, "no enum: \(distinct) distinct values in only \(samples) samples (needs \(max(options.minEnumSamples, 2 * distinct)))")
        } else {
            field.pickList = values.elements.map(JSONValue.string)
            note(path, "enum: \(distinct) distinct values in at least \(samples) samples")
        }
    }

    // MARK: - Objects and maps

    private mutating func describeObject(_ object: ObjectSummary, into field: inout FieldSchema, path: [String], rules: [InferenceOverride.Rule]) {
        field.type = .object
        if let mapValues = mapDecision(object, path: path, rules: rules) {
            field.additionalProperties = Box(self.field(named: "", from: mapValues, path: path + ["*"]))
            return
        }
        // Documents' own member order, made independent of sample order: earliest position, then name.
        let ordered = object.members.sorted { a, b in
            if a.minPosition != b.minPosition { return a.minPosition < b.minPosition }
            return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
        }
        field.properties = ordered.map { member in
            let key = member.key
            var property = self.field(named: key, from: member.value, path: path + [key])
            if member.absentSomewhere {
                property.optional = true
                note(path + [key], "optional: absent from at least one object")
            }
            // Overrides win over the absence evidence.
            for rule in overrides(at: path + [key]) {
                if rule == .required { property.optional = false }
                if rule == .optional { property.optional = true }
            }
            return property
        }
    }

    /// The merged value summary when the object is a map, else `nil`.
    private mutating func mapDecision(_ object: ObjectSummary, path: [String], rules: [InferenceOverride.Rule]) -> ValueSummary? {
        if rules.contains(.object) {
            note(path, "object: override")
            return nil
        }
        var merged = ValueSummary()
        for member in object.members { merged.merge(member.value) }
        if rules.contains(.map) {
            note(path, "map: override")
            return merged
        }
        guard !object.members.isEmpty else { return nil }
        var kinds = merged.kinds
        kinds.remove(.null)
        if kinds.isSuperset(of: [.integer, .number]) { kinds.remove(.integer) }
        let uniform = kinds.rawValue & (kinds.rawValue &- 1) == 0
        let keys = object.members.map(\.key).sorted()
        if uniform, let example = keys.first, keys.allSatisfy(MapKeyShape.isIdentifierLike) {
            note(path, "map: all \(keys.count) keys look like ids or dates (e.g. \"\(example)\") and the values share one type")
            return merged
        }
        if keys.count > options.mapThreshold {
            if uniform {
                note(path, "map: \(keys.count) distinct keys (more than \(options.mapThreshold)) whose values share one type")
                return merged
            }
            note(path, "object: \(keys.count) distinct keys but their values differ in type, so not a map")
        }
        return nil
    }

    // MARK: - Overrides and notes

    private mutating func overrides(at path: [String]) -> [InferenceOverride.Rule] {
        var rules: [InferenceOverride.Rule] = []
        for (index, override) in options.overrides.enumerated() where Self.matches(override.path, path) {
            usedOverrides.insert(index)
            rules.append(override.rule)
        }
        return rules
    }

    private static func matches(_ pattern: [String], _ path: [String]) -> Bool {
        pattern.count == path.count && zip(pattern, path).allSatisfy { $0 == $1 || $0 == "*" }
    }

    private mutating func note(_ path: [String], _ message: String) {
        guard options.explain else { return }
        notes.append(InferenceNote(path: JSONPath(path.map { .key($0) }).pointer, message: message))
    }
}

extension InferenceOverride.Rule {
    /// The type this rule forces, if any.
    var forcedType: FieldType? {
        switch self {
        case .type(let type): type
        case .any: .any
        default: nil
        }
    }
}
