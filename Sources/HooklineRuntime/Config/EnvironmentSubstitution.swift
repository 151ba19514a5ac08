import ConnectorKit

/// `${NAME}` references in a config's text values, replaced by environment variables;
/// `${NAME:-fallback}` uses the fallback when NAME is unset or empty; `$${` writes a literal `${`.
/// A missing variable without a fallback is an error at the value's position.
enum EnvironmentSubstitution {
    /// `value` with every reference replaced; `missing` collects (pointer, name) of unset variables,
    /// `used` the names of variables read.
    static func apply(_ value: JSONValue, environment: [String: String], at pointer: String = "",
                      missing: inout [(pointer: String, name: String)], used: inout Set<String>) -> JSONValue {
        switch value {
        case .string(let text):
            guard text.contains("${") else { return value }
            return .string(substitute(text, environment: environment, at: pointer, missing: &missing, used: &used))
        case .array(let elements):
            return .array(elements.enumerated().map { index, element in
                apply(element, environment: environment, at: "\(pointer)/\(index)", missing: &missing, used: &used)
            })
        case .object(let object):
            var result = JSONObject()
            for member in object {
                result[member.key] = apply(member.value, environment: environment, at: pointer + "/" + JSONPath.pointerToken(member.key),
                                           missing: &missing, used: &used)
            }
            return .object(result)
        default:
            return value
        }
    }

    private static func substitute(_ text: String, environment: [String: String], at pointer: String,
                                   missing: inout [(pointer: String, name: String)], used: inout Set<String>) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "${") {
            if start.lowerBound > rest.startIndex, rest[rest.index(before: start.lowerBound)] == "$" {
                result += rest[..<rest.index(before: start.lowerBound)] + "${"
                rest = rest[start.upperBound...]
                continue
            }
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            result += rest[..<start.lowerBound]
            let reference = rest[start.upperBound..<end]
            let name: String
            var fallback: String?
            if let separator = reference.firstRange(of: ":-") {
                name = String(reference[..<separator.lowerBound])
                fallback = String(reference[separator.upperBound...])
            } else {
                name = String(reference)
            }
            if let value = environment[name], !(fallback != nil && value.isEmpty) {
                result += value
                used.insert(name)
            } else if let fallback {
                result += fallback
            } else {
                // Kept as written: the config is refused for the missing variable, and an empty
                // value would add follow-on errors ("needs 'apiKey'") that hide the cause.
                result += "${\(name)}"
                missing.append((pointer, name))
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
