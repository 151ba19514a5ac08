/// Parses the inside of a tag: `helper arg "literal" 42 key=value (sub expr)`.
struct TemplateExpressionParser {
    /// One argument as written.
    enum Item {
        case expression(TemplateExpression)
        case pair(String, TemplateExpression)
    }

    private let text: [Character]
    private var index = 0
    private let helpers: TemplateHelpers
    /// Reports a problem at a character offset inside the tag content.
    private let fail: (String, Int) -> TemplateSyntaxError

    init(_ content: String, helpers: TemplateHelpers, fail: @escaping (String, Int) -> TemplateSyntaxError) {
        self.text = Array(content)
        self.helpers = helpers
        self.fail = fail
    }

    /// All items of the tag, in order.
    mutating func items() throws(TemplateSyntaxError) -> [(item: Item, offset: Int)] {
        var items: [(item: Item, offset: Int)] = []
        while true {
            skipSpaces()
            guard index < text.count else { return items }
            if text[index] == ")" { throw fail("unexpected ')'", index) }
            let start = index
            items.append((try item(), start))
        }
    }

    private mutating func skipSpaces() {
        while index < text.count, text[index].isWhitespace { index += 1 }
    }

    private mutating func item() throws(TemplateSyntaxError) -> Item {
        // key=value
        var look = index
        while look < text.count, isNameCharacter(text[look]) { look += 1 }
        if look > index, look < text.count, text[look] == "=" {
            let key = String(text[index..<look])
            index = look + 1
            guard index < text.count, !text[index].isWhitespace else { throw fail("expected a value after '\(key)='", index) }
            return .pair(key, try value())
        }
        return .expression(try value())
    }

    private func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "-" || character == "$"
    }

    private mutating func value() throws(TemplateSyntaxError) -> TemplateExpression {
        let character = text[index]
        if character == "(" { return try subexpression() }
        if character == "\"" || character == "'" { return .literal(.string(try stringLiteral())) }
        let start = index
        var depth = 0
        while index < text.count {
            let c = text[index]
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if depth == 0, c.isWhitespace || c == "(" || c == ")" || c == "=" { break }
            index += 1
        }
        let word = String(text[start..<index])
        switch word {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null", "undefined": return .literal(.null)
        default: break
        }
        if let number = Self.numberLiteral(word) { return .literal(number) }
        return .path(try Self.path(word, at: start, fail: fail))
    }

    private mutating func stringLiteral() throws(TemplateSyntaxError) -> String {
        let quote = text[index]
        let start = index
        index += 1
        var result = ""
        while index < text.count, text[index] != quote {
            if text[index] == "\\", index + 1 < text.count { index += 1 }
            result.append(text[index])
            index += 1
        }
        guard index < text.count else { throw fail("unterminated string literal", start) }
        index += 1
        return result
    }

    private mutating func subexpression() throws(TemplateSyntaxError) -> TemplateExpression {
        let start = index
        index += 1
        var items: [(item: Item, offset: Int)] = []
        while true {
            skipSpaces()
            guard index < text.count else { throw fail("unclosed '(': add ')'", start) }
            if text[index] == ")" {
                index += 1
                break
            }
            let itemStart = index
            items.append((try item(), itemStart))
        }
        guard case .expression(.path(let path))? = items.first?.item, path.segments.count == 1, !path.isData, path.up == 0,
              let helper = helpers[path.segments[0]]
        else {
            let name = items.first.map { "\($0.item)" } ?? "nothing"
            throw fail("a subexpression must call a helper, found \(name.prefix(40))", start + 1)
        }
        return .helper(try Self.call(path.segments[0], helper, items.dropFirst(), at: start + 1, fail: fail))
    }

    /// Splits arguments into positional parameters and hash pairs (hash pairs come last) and
    /// checks their count against the helper's arity: in a tag, a block or a subexpression.
    static func call(_ name: String, _ helper: TemplateHelper, _ items: some Collection<(item: Item, offset: Int)>,
                     at callOffset: Int = 0, fail: (String, Int) -> TemplateSyntaxError) throws(TemplateSyntaxError) -> TemplateHelperCall {
        var parameters: [TemplateExpression] = []
        var hash: [(key: String, value: TemplateExpression)] = []
        for (item, offset) in items {
            switch item {
            case .expression(let expression):
                guard hash.isEmpty else { throw fail("positional arguments must come before key=value arguments", offset) }
                parameters.append(expression)
            case .pair(let key, let value):
                hash.append((key, value))
            }
        }
        let count = parameters.count
        if count < helper.minimumArguments || count > (helper.maximumArguments ?? .max) {
            let expected = helper.maximumArguments == helper.minimumArguments ? "\(helper.minimumArguments)"
                : helper.maximumArguments.map { "\(helper.minimumArguments) to \($0)" } ?? "at least \(helper.minimumArguments)"
            throw fail("'\(name)' takes \(expected) argument\(expected == "1" ? "" : "s"), found \(count)", callOffset)
        }
        return TemplateHelperCall(name: name, helper: helper, parameters: parameters, hash: hash)
    }

    static func numberLiteral(_ word: String) -> JSONValue? {
        guard let first = word.unicodeScalars.first, first == "-" || ("0"..."9").contains(first) else { return nil }
        guard let value = try? JSONParser.parse(word) else { return nil }
        switch value {
        case .integer, .number: return value
        default: return nil
        }
    }

    /// Parses a path: `a.b`, `a/b`, `../x`, `./x`, `this.x`, `.`, `@index`, `@root.x`, `[odd name]`.
    static func path(_ word: String, at offset: Int, fail: (String, Int) -> TemplateSyntaxError) throws(TemplateSyntaxError) -> TemplatePath {
        var up = 0
        var segments: [String] = []
        var isData = false
        var isExplicit = false
        var rest = Substring(word)
        if rest.hasPrefix("@") {
            isData = true
            rest = rest.dropFirst()
        }
        while rest.hasPrefix("../") || rest == ".." {
            up += 1
            rest = rest.dropFirst(rest == ".." ? 2 : 3)
        }
        if rest == "." || rest == "this" {
            return TemplatePath(up: up, segments: [], isData: isData, isExplicit: true, original: word)
        }
        if rest.hasPrefix("./") || rest.hasPrefix("this.") || rest.hasPrefix("this/") {
            isExplicit = true
            rest = rest.dropFirst(rest.hasPrefix("./") ? 2 : 5)
        }
        var segment = ""
        var bracket = false
        var expectSegment = true
        for character in rest {
            if bracket {
                if character == "]" { bracket = false } else { segment.append(character) }
                continue
            }
            switch character {
            case "[" where segment.isEmpty:
                bracket = true
            case ".", "/":
                guard !segment.isEmpty else { throw fail("empty segment in path '\(word)'", offset) }
                segments.append(segment)
                segment = ""
                expectSegment = true
                continue
            default:
                guard character.isLetter || character.isNumber || "_-$:?!#%*+<>|,;".contains(character) || character.unicodeScalars.first!.value > 127 else {
                    throw fail("unexpected '\(character)' in path '\(word)'", offset)
                }
                segment.append(character)
            }
            expectSegment = false
        }
        if bracket { throw fail("unclosed '[' in path '\(word)'", offset) }
        if expectSegment, !segments.isEmpty, segment.isEmpty { throw fail("path '\(word)' ends with a separator", offset) }
        if !segment.isEmpty { segments.append(segment) }
        if segments.isEmpty, !isExplicit, up == 0 {
            throw fail("expected a name or path, found '\(word)'", offset)
        }
        return TemplatePath(up: up, segments: segments, isData: isData, isExplicit: isExplicit, original: word)
    }

}
