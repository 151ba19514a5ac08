/// Proposes a mapping from a source schema to target fields by names and types:
/// `email → email`, `phoneNumber → phone`, `firstName → first_name`, with a confidence each.
public struct MappingSuggester: Sendable {
    /// One proposed field.
    public struct Suggestion: Sendable, Hashable {
        /// The target field.
        public var target: String
        /// The source path (dotted), or `nil` when nothing fits.
        public var source: String?
        /// 0...1: how sure the match is.
        public var confidence: Double
        /// Why: the evidence in words.
        public var reason: String
    }

    /// Words that name the same thing.
    static let synonyms: [[String]] = [
        ["email", "emailaddress", "mail", "recipientemail", "useremail"],
        ["phone", "phonenumber", "mobile", "mobilenumber", "tel", "telephone", "cell", "sms", "tophonenumber", "recipientphone"],
        ["firstname", "givenname", "fname", "first"],
        ["lastname", "familyname", "surname", "lname", "last"],
        ["name", "fullname", "displayname"],
        ["zip", "zipcode", "postalcode", "postcode"],
        ["userid", "externalid", "customerid", "contactid"],
        ["locationidentifier", "locationid", "location", "storeid", "businessid"],
        ["createdat", "timestamp", "occurredat", "eventtime", "date"],
        ["eventname", "event", "name"],
    ]

    public init() {}

    /// A suggestion for every target field, in target order.
    public func suggest(source: FieldSchema, target: [FieldSchema]) -> [Suggestion] {
        let candidates = Self.leaves(of: source, prefix: [])
        return target.map { field in
            var best: (path: [String], field: FieldSchema, score: Double, reason: String)?
            for (path, candidate) in candidates {
                let (nameScore, nameReason) = Self.nameScore(field.name, path)
                guard nameScore > 0 else { continue }
                let (typeScore, typeReason) = Self.typeScore(candidate, field)
                let score = nameScore * typeScore
                let shallower = best.map { path.count < $0.path.count } ?? true
                if score > (best?.score ?? 0) || (score == best?.score && shallower) {
                    best = (path, candidate, score, "\(nameReason), \(typeReason)")
                }
            }
            guard let best, best.score >= 0.3 else {
                return Suggestion(target: field.name, source: nil, confidence: 0, reason: "no source field with a similar name and a compatible type")
            }
            return Suggestion(target: field.name, source: best.path.joined(separator: "."),
                              confidence: (best.score * 100).rounded() / 100, reason: best.reason)
        }
    }

    /// Every scalar-ish field (not objects) with its path; array items are left out.
    static func leaves(of field: FieldSchema, prefix: [String]) -> [([String], FieldSchema)] {
        var result: [([String], FieldSchema)] = []
        for property in field.properties ?? [] {
            let path = prefix + [property.name]
            if property.type == .object, property.properties != nil {
                result += leaves(of: property, prefix: path)
            } else {
                result.append((path, property))
            }
        }
        return result
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(Character.init))
    }

    /// How well the target name matches the source path's last name (a little less for deeper paths).
    static func nameScore(_ target: String, _ path: [String]) -> (Double, String) {
        let wanted = normalized(target)
        let found = normalized(path.last ?? "")
        let depth = Double(path.count - 1) * 0.02
        guard !wanted.isEmpty, !found.isEmpty else { return (0, "") }
        if wanted == found { return (1.0 - depth, "same name") }
        if synonyms.contains(where: { $0.contains(wanted) && $0.contains(found) }) { return (0.9 - depth, "synonyms") }
        if wanted.count >= 4, found.count >= 4, wanted.contains(found) || found.contains(wanted) { return (0.7 - depth, "one name contains the other") }
        let distance = ConnectorKit.Suggestion.editDistance(wanted, found)
        let similarity = 1 - Double(distance) / Double(max(wanted.count, found.count))
        return similarity >= 0.75 ? (similarity * 0.8 - depth, "similar names") : (0, "")
    }

    /// How well the source type fits the target (formats agreeing count extra).
    static func typeScore(_ source: FieldSchema, _ target: FieldSchema) -> (Double, String) {
        guard MappingCoercion.isPossible(from: source, to: target) else { return (0, "incompatible types") }
        if let format = target.format, source.format == format { return (1, "both \(format.rawValue)") }
        if let format = target.format, source.format != nil, source.format != format { return (0.4, "different formats") }
        if source.type == target.type || target.type == .any { return (1, "same type") }
        if source.type == .integer && target.type == .number { return (0.95, "integer fits number") }
        if target.type == .string { return (0.85, "\(source.type.rawValue) as text") }
        return (0.7, "\(source.type.rawValue) coerced to \(target.type.rawValue)")
    }
}
