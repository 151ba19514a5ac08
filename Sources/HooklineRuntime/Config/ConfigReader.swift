import ConnectorKit

/// Strict reading of a config document: every problem becomes a diagnostic at
/// `FILE:LINE:COLUMN (/json/pointer)`, unknown keys included (with "did you mean").
struct ConfigReader {
    let locations: [String: String]
    var diagnostics: [Diagnostic] = []

    init(locations: [String: String]) {
        self.locations = locations
    }

    /// `file:line:column (/pointer)`, or the pointer alone when the position is unknown.
    func locate(_ pointer: String) -> String {
        var probe = pointer
        while true {
            if let location = locations[probe] { return "\(location) (\(pointer.isEmpty ? "/" : pointer))" }
            guard let slash = probe.lastIndex(of: "/") else { return pointer.isEmpty ? "/" : pointer }
            probe = String(probe[..<slash])
        }
    }

    mutating func error(_ message: String, at pointer: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: locate(pointer), hint: hint))
    }

    mutating func warning(_ message: String, at pointer: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, message, at: locate(pointer), hint: hint))
    }

    /// The object at `pointer`, or `nil` (and an error) when it is something else.
    mutating func object(_ value: JSONValue?, at pointer: String, what: String) -> JSONObject? {
        guard let value else { return nil }
        guard let object = value.objectValue else {
            error("\(what) must be an object, found \(value.typeName)", at: pointer)
            return nil
        }
        return object
    }

    /// Reports members of `object` not in `known`.
    mutating func rejectUnknownKeys(_ object: JSONObject, known: [String], at pointer: String, what: String) {
        for member in object where !known.contains(member.key) {
            error("unknown key '\(member.key)' in \(what)", at: pointer + "/" + JSONPath.pointerToken(member.key),
                  hint: Suggestion.closest(to: member.key, in: known).map { "did you mean '\($0)'?" } ?? "allowed: \(known.joined(separator: ", "))")
        }
    }

    /// A required string member.
    mutating func requiredString(_ object: JSONObject, _ key: String, at pointer: String, what: String) -> String? {
        guard let value = object[key] else {
            error("\(what) needs '\(key)'", at: pointer)
            return nil
        }
        return string(value, at: pointer + "/" + key)
    }

    /// A string value, or `nil` (and an error).
    mutating func string(_ value: JSONValue, at pointer: String) -> String? {
        guard let text = value.stringValue else {
            error("expected text, found \(value.typeName)", at: pointer)
            return nil
        }
        return text
    }

    /// An optional number member within `range`.
    mutating func number(_ object: JSONObject, _ key: String, at pointer: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = object[key] else { return nil }
        let number: Double? = switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number.doubleValue
        default: nil
        }
        guard let number, range.contains(number) else {
            error("'\(key)' must be a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), found \(value.serialized())",
                  at: pointer + "/" + key)
            return nil
        }
        return number
    }

    /// An optional boolean member.
    mutating func bool(_ object: JSONObject, _ key: String, at pointer: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let flag) = value else {
            error("'\(key)' must be true or false, found \(value.serialized())", at: pointer + "/" + key)
            return nil
        }
        return flag
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int64(number)) : String(number)
    }
}
