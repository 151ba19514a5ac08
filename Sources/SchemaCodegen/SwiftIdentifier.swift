/// Turning folder names into Swift identifiers.
enum SwiftIdentifier {
    /// Words Swift reserves in declarations and expressions; such a name is written in backticks.
    static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "package",
        "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript",
        "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
        "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
    ]

    /// `system-webhook` → `systemWebhook`: the name split at every ASCII character that is not a
    /// letter or digit, the first word's first letter lowered, the other words' raised.
    /// `nil` when the name has a non-ASCII character, nothing is left, or it starts with a digit.
    static func lowerCamel(_ name: String) -> String? {
        guard name.allSatisfy(\.isASCII) else { return nil }
        let words = name.split { !isASCIILetterOrDigit($0) }.map(String.init)
        guard let first = words.first else { return nil }
        let head = first.prefix(1).lowercased() + first.dropFirst()
        let identifier = words.dropFirst().reduce(head) { $0 + $1.prefix(1).uppercased() + $1.dropFirst() }
        guard let leading = identifier.unicodeScalars.first, !("0"..."9").contains(leading) else { return nil }
        return identifier
    }

    /// Whether `name` is usable as a type name as written (no backticks needed).
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber, !keywords.contains(name) else { return false }
        return name.allSatisfy { isASCIILetterOrDigit($0) || $0 == "_" }
    }

    /// The identifier as it must be written in a declaration: in backticks when it is a keyword.
    static func declared(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    private static func isASCIILetterOrDigit(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber
    }
}
