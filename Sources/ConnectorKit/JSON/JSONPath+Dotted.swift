extension JSONPath {
    /// Parses a dotted path: `a.b[0].c`, `a["x.y"]`, `a['x y']` (quotes escape with `\`).
    /// An empty string is the root.
    public init(dotted: String) throws(JSONPathError) {
        let characters = Array(dotted)
        var components: [Component] = []
        var index = 0
        func fail(_ message: String) -> JSONPathError { JSONPathError(path: dotted, offset: index, message: message) }
        var expectName = true
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                index += 1
                guard index < characters.count else { throw fail("unclosed '['") }
                if characters[index] == "\"" || characters[index] == "'" {
                    let quote = characters[index]
                    index += 1
                    var key = ""
                    while index < characters.count, characters[index] != quote {
                        if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                        key.append(characters[index])
                        index += 1
                    }
                    guard index < characters.count else { throw fail("unterminated quoted name") }
                    index += 1
                    components.append(.key(key))
                } else {
                    var digits = ""
                    while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
                        digits.append(String(digit))
                        index += 1
                    }
                    guard let value = Int(digits), digits == "0" || !digits.hasPrefix("0") else {
                        throw fail("expected an index without leading zeros, or a quoted name, inside '[ ]'")
                    }
                    components.append(.index(value))
                }
                guard index < characters.count, characters[index] == "]" else { throw fail("expected ']'") }
                index += 1
                expectName = false
            } else if character == "." {
                guard !components.isEmpty, !expectName else { throw fail("unexpected '.'") }
                index += 1
                expectName = true
                guard index < characters.count, characters[index] != "." else { throw fail("empty name after '.'") }
            } else {
                guard expectName else { throw fail("expected '.' or '[' after ']'") }
                var name = ""
                while index < characters.count, characters[index] != ".", characters[index] != "[" {
                    guard characters[index] != "]" else { throw fail("unexpected ']': quote odd names as [\"...\"]") }
                    name.append(characters[index])
                    index += 1
                }
                components.append(.key(name))
                expectName = false
            }
        }
        if expectName, !components.isEmpty { throw fail("the path ends with '.'") }
        self.init(components)
    }

    /// The dotted form; names other than plain words (letters, digits, `_`, `-`, `$`, `@`,
    /// not starting with a digit) are written `["..."]`.
    public var dotted: String {
        var text = ""
        for component in components {
            switch component {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where Self.isPlainName(key):
                if !text.isEmpty { text += "." }
                text += key
            case .key(let key):
                text += "[\""
                for character in key {
                    if character == "\"" || character == "\\" { text += "\\" }
                    text.append(character)
                }
                text += "\"]"
            }
        }
        return text
    }

    private static func isPlainName(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-$@".unicodeScalars.contains($0)
        }
    }
}
