import ConnectorKit

/// Regal's rules for a call's contact, beyond what the field types say, checked before
/// anything is sent: one traits format per call, an identifier, E.164 phone keys and
/// e-mail address keys in the newer format.
enum RegalContactRules {
    /// Trait keys only the older format has.
    static let olderKeys = ["phone", "email", "optIn"]
    /// Trait keys only the newer format has.
    static let newerKeys = ["phones", "emails"]

    /// Every rule `input` breaks, located by JSON Pointer, each with how to fix it.
    static func check(_ input: JSONValue) -> [Diagnostic] {
        let traits = input["traits"]?.objectValue ?? JSONObject()
        let older = olderKeys.filter { present(traits[$0]) }
        let newer = newerKeys.filter { present(traits[$0]) }
        var problems: [Diagnostic] = []
        if !older.isEmpty, !newer.isEmpty {
            problems.append(Diagnostic(.error, "mixes the older traits format (\(older.joined(separator: ", "))) with the newer one (\(newer.joined(separator: ", ")))",
                                       at: "/traits", hint: "use one format per call: phone/email/optIn, or phones/emails with their smsOptIn/voiceOptIn/emailOptIn"))
        }
        let hasUserId = !(input["userId"]?.stringValue ?? "").isEmpty
        if !hasUserId, !older.contains("phone"), newer.isEmpty {
            let found = older.contains("email") ? " (in the older format an email alone does not identify a new contact)" : ""
            problems.append(Diagnostic(.error, "no identifier for the contact\(found)", at: "/traits",
                                       hint: "map traits.phone (E.164), traits.phones or traits.emails, or a userId"))
        }
        problems += checkKeys(of: traits["phones"], at: "/traits/phones", format: .phone, hint: RegalFields.e164Hint)
        problems += checkKeys(of: traits["emails"], at: "/traits/emails", format: .email, hint: "key each entry by its e-mail address (ana@example.com)")
        return problems
    }

    /// A newer-format map with no entries identifies nobody; each key must have `format`.
    private static func checkKeys(of map: JSONValue?, at path: String, format: FieldFormat, hint: String) -> [Diagnostic] {
        guard let object = map?.objectValue else { return [] }
        return object.compactMap { key, _ in
            FormatClassifier.matches(key, format) ? nil
                : Diagnostic(.error, "the key \"\(key)\" is not a valid \(format.rawValue)", at: "\(path)/\(JSONPath.pointerToken(key))", hint: hint)
        }
    }

    /// Whether a trait is there and says something (not null, not an empty string/object/array).
    private static func present(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .string(let text)?: !text.isEmpty
        case .object(let object)?: !object.isEmpty
        case .array(let array)?: !array.isEmpty
        default: true
        }
    }
}
