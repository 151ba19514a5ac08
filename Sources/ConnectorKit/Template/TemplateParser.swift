/// Builds the node tree from tokens: resolves helper names, pairs blocks with their closing
/// tags, splits `{{else}}` parts, and checks arity and nesting.
struct TemplateParser {
    private let tokenizer: TemplateTokenizer
    private let helpers: TemplateHelpers
    private let limits: TemplateLimits

    /// An open block while its body is being read.
    private struct Frame {
        var name: String
        var open: TemplateTokenizer.Tag
        var make: ([TemplateNode], [TemplateNode]) -> TemplateNode
        var body: [TemplateNode] = []
        var inverse: [TemplateNode] = []
        var inElse = false
        /// Opened by `{{else if ...}}`: closes together with its parent.
        var chained = false
    }

    init(source: String, helpers: TemplateHelpers, limits: TemplateLimits) {
        tokenizer = TemplateTokenizer(source: source)
        self.helpers = helpers
        self.limits = limits
    }

    func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        var root: [TemplateNode] = []
        var stack: [Frame] = []
        func append(_ node: TemplateNode) {
            if stack.isEmpty {
                root.append(node)
            } else if stack[stack.count - 1].inElse {
                stack[stack.count - 1].inverse.append(node)
            } else {
                stack[stack.count - 1].body.append(node)
            }
        }
        for token in try tokenizer.tokens() {
            switch token {
            case .text(let start, let end):
                if end > start { append(.text(Array(tokenizer.bytes[start..<end]))) }
            case .tag(let tag):
                switch tag.kind {
                case .comment:
                    break
                case .value, .raw:
                    append(.value(try expression(of: tag), escaped: tag.kind == .value))
                case .open, .inverted:
                    guard stack.count < limits.maxNesting else {
                        throw tokenizer.error("blocks nested deeper than \(limits.maxNesting) levels", at: tag.start)
                    }
                    stack.append(try openBlock(tag))
                case .elseTag:
                    guard !stack.isEmpty else { throw tokenizer.error("{{else}} outside a block", at: tag.start) }
                    if stack[stack.count - 1].inElse {
                        throw tokenizer.error("a second {{else}} in {{#\(stack[stack.count - 1].name)}}", at: tag.start)
                    }
                    stack[stack.count - 1].inElse = true
                    if !tag.content.isEmpty {
                        // {{else if x}}: a nested block that ends with the parent's closing tag.
                        var chained = try openBlock(TemplateTokenizer.Tag(kind: .open, content: tag.content, start: tag.start,
                                                                             contentStart: tag.contentStart, stripBefore: false, stripAfter: false))
                        chained.chained = true
                        stack.append(chained)
                    }
                case .close:
                    // Blocks opened by {{else if ...}} end with their parent.
                    while let last = stack.last, last.chained {
                        let frame = stack.removeLast()
                        append(frame.make(frame.body, frame.inverse))
                    }
                    guard let frame = stack.popLast() else {
                        throw tokenizer.error("{{/\(tag.content)}} closes nothing", at: tag.start)
                    }
                    guard frame.name == tag.content else {
                        let line = TemplateSyntaxError("", at: tokenizer.index(frame.open.start), in: tokenizer.source).line
                        throw tokenizer.error("{{/\(tag.content)}} does not match {{#\(frame.name)}} opened on line \(line)", at: tag.start)
                    }
                    append(frame.make(frame.body, frame.inverse))
                }
            }
        }
        if let open = stack.last {
            throw tokenizer.error("{{#\(open.name)}} is never closed: add {{/\(open.name)}}", at: open.open.start)
        }
        return root
    }

    private func failure(_ tag: TemplateTokenizer.Tag) -> (String, Int) -> TemplateSyntaxError {
        let content = tag.content
        let tokenizer = self.tokenizer
        // Offsets inside the content are character offsets; map them into the source.
        let leading = String(decoding: tokenizer.bytes[tag.contentStart...], as: UTF8.self).prefix { $0.isWhitespace }.utf8.count
        return { message, offset in
            let prefix = String(content.prefix(offset)).utf8.count
            return tokenizer.error(message, at: tag.contentStart + leading + prefix)
        }
    }

    private func items(of tag: TemplateTokenizer.Tag) throws(TemplateSyntaxError) -> [(item: TemplateExpressionParser.Item, offset: Int)] {
        var parser = TemplateExpressionParser(tag.content, helpers: helpers, fail: failure(tag))
        return try parser.items()
    }

    /// The expression of a `{{...}}` tag: a helper call, or a single path or literal.
    private func expression(of tag: TemplateTokenizer.Tag) throws(TemplateSyntaxError) -> TemplateExpression {
        let items = try items(of: tag)
        let fail = failure(tag)
        if case .expression(.path(let path))? = items.first?.item, let name = helperName(path), let helper = helpers[name] {
            guard helper.inline else { throw fail("'\(name)' is a block helper: use {{#\(name)}}...{{/\(name)}}", 0) }
            let call = try TemplateExpressionParser.call(name, helper, items.dropFirst(), fail: fail)
            return .helper(call)
        }
        guard items.count == 1, case .expression(let expression) = items[0].item else {
            if case .expression(.path(let path))? = items.first?.item {
                let hint = Suggestion.closest(to: path.original, in: helpers.names).map { " (did you mean '\($0)'?)" } ?? ""
                throw fail("unknown helper '\(path.original)'\(hint)", 0)
            }
            throw fail("expected one value or a helper call", 0)
        }
        return expression
    }

    private func helperName(_ path: TemplatePath) -> String? {
        path.segments.count == 1 && !path.isData && !path.isExplicit && path.up == 0 ? path.segments[0] : nil
    }

    private func openBlock(_ tag: TemplateTokenizer.Tag) throws(TemplateSyntaxError) -> Frame {
        let items = try items(of: tag)
        let fail = failure(tag)
        guard case .expression(let head)? = items.first?.item else { throw fail("expected a block name", 0) }
        if tag.kind == .inverted {
            guard items.count == 1 else { throw fail("{{^name}} takes a single path", 0) }
            return Frame(name: nameOf(head), open: tag) { body, inverse in .block(.inverted, head, hash: [], body: body, inverse: inverse) }
        }
        if case .path(let path) = head, let name = helperName(path) {
            let builtins: [String: TemplateBlockKind] = ["if": .if, "unless": .unless, "each": .each, "with": .with]
            if let kind = builtins[name] {
                var arguments: [TemplateExpression] = []
                var hash: [(key: String, value: TemplateExpression)] = []
                for (item, offset) in items.dropFirst() {
                    switch item {
                    case .expression(let expression): arguments.append(expression)
                    case .pair(let key, let value):
                        guard kind == .if || kind == .unless, key == "includeZero" else {
                            throw fail("{{#\(name)}} takes no '\(key)=' argument", offset)
                        }
                        hash.append((key, value))
                    }
                }
                guard arguments.count == 1 else { throw fail("{{#\(name)}} takes exactly one argument, found \(arguments.count)", 0) }
                let argument = arguments[0]
                return Frame(name: name, open: tag) { body, inverse in .block(kind, argument, hash: hash, body: body, inverse: inverse) }
            }
            if let helper = helpers[name] {
                guard helper.block else { throw fail("'\(name)' cannot be used as a block: write {{\(name) ...}}", 0) }
                let call = try TemplateExpressionParser.call(name, helper, items.dropFirst(), fail: fail)
                    return Frame(name: name, open: tag) { body, inverse in .helperBlock(call, body: body, inverse: inverse) }
            }
        }
        guard items.count == 1 else {
            let hint = Suggestion.closest(to: nameOf(head), in: helpers.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw fail("unknown block helper '\(nameOf(head))'\(hint)", 0)
        }
        return Frame(name: nameOf(head), open: tag) { body, inverse in .block(.section, head, hash: [], body: body, inverse: inverse) }
    }

    private func nameOf(_ expression: TemplateExpression) -> String {
        switch expression {
        case .path(let path): path.original
        case .literal(let value): value.serialized()
        case .helper(let call): call.name
        }
    }
}
