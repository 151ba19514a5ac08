/// Renders compiled nodes for one piece of data: a context stack, a data stack (`@index`,
/// `@key`, `@first`, `@last`) and one output buffer.
struct TemplateRenderer: ~Copyable {
    /// The variables an `each` iteration adds.
    struct DataFrame: Sendable {
        var index: Int
        var key: JSONValue
        var first: Bool
        var last: Bool
    }

    /// The outermost context (the data the template renders).
    private let root: JSONValue
    /// The contexts pushed above the root (by `each`, `with`, sections), innermost last.
    /// Empty for most of a render, so a render allocates no context stack.
    var outer: [JSONValue]

    /// The whole context stack, outermost first (allocates; for helpers and nested renders).
    var contexts: [JSONValue] { [root] + outer }

    /// The innermost context (`this`).
    private var current: JSONValue { outer.last ?? root }
    var data: [DataFrame] = []
    var out: TemplateOutput
    /// Program renders: the contexts (root first) and how many are in use.
    var stack = UnsafeMutableBufferPointer<TemplateContext>(start: nil, count: 0)
    var depth = 0
    /// Program renders: the root members in ``TemplateProgram/prefixKeys``, opened.
    var opened = UnsafeMutableBufferPointer<TemplateContext>(start: nil, count: 0)
    /// Program renders: the `each` iterations in progress (`depth - 1` of them).
    var frames = UnsafeMutableBufferPointer<TemplateProgram.Frame>(start: nil, count: 0)
    private let escaping: TemplateEscaping
    let limits: TemplateLimits

    /// A renderer over the root context alone (the common case: no array to allocate),
    /// writing into `out`.
    init(root: JSONValue, escaping: TemplateEscaping, limits: TemplateLimits, out: consuming TemplateOutput) {
        self.root = root
        self.outer = []
        self.escaping = escaping
        self.limits = limits
        self.out = out
    }

    init(contexts: [JSONValue], data: [DataFrame] = [], escaping: TemplateEscaping, limits: TemplateLimits, capacity: Int) {
        self.data = data
        precondition(!contexts.isEmpty, "a render needs a root context")
        root = contexts[0]
        outer = Array(contexts.dropFirst())
        out = TemplateOutput(capacity: capacity)
        self.escaping = escaping
        self.limits = limits
    }

    mutating func render(_ nodes: [TemplateNode]) throws(TemplateRenderError) {
        for index in nodes.indices {
            switch nodes[index] {
            case .text(let bytes):
                bytes.withUnsafeBufferPointer { out.append($0) }
            case .value(.path(let path), let escaped):
                write(lookup(path) ?? .null, escaped: escaped)
            case .value(let expression, let escaped):
                switch try evaluateForOutput(expression) {
                case .value(let value): write(value, escaped: escaped)
                case .safe(let text): out.append(text)
                }
            case .block(let kind, let expression, let hash, let body, let inverse):
                try renderBlock(kind, expression, hash: hash, body: body, inverse: inverse)
            case .helperBlock(let call, let body, _) where call.helper.bodyFilter != nil && call.parameters.isEmpty:
                // Render in place, then rewrite the rendered range (no nested renderer).
                let mark = out.count
                try render(body)
                if call.helper.bodyFilterEncodesURL { out.percentEncode(from: mark) } else { out.filter(from: mark, call.helper.bodyFilter!) }
            case .helperBlock(let call, let body, let inverse):
                switch try invoke(call, body: body, inverse: inverse) {
                case .value(let value): escaping.append(TemplateValue.text(value), to: &out)
                case .safe(let text): out.append(text)
                }
            }
            if out.count > limits.maxOutputBytes {
                throw TemplateRenderError("the output is larger than the limit of \(limits.maxOutputBytes) bytes")
            }
        }
    }

    /// Writes a value: strings escaped for the output (unless raw), numbers and booleans
    /// directly (they never need escaping), arrays and objects as Handlebars prints them.
    @inline(__always)
    mutating func write(_ value: JSONValue, escaped: Bool) {
        switch value {
        case .string(let string):
            if escaped { escaping.append(string, to: &out) } else { out.append(string) }
        case .integer(let integer):
            TemplateEscaping.appendInteger(integer, to: &out)
        case .null:
            break
        case .bool(let flag):
            out.append(flag ? "true" : "false")
        case .number(let number) where TemplateValue.isJavaScriptForm(number.literal):
            out.append(number.literal)
        default:
            if escaped { escaping.append(TemplateValue.text(value), to: &out) } else { out.append(TemplateValue.text(value)) }
        }
    }

    /// Renders `nodes` in a nested renderer with `context` pushed onto `contexts`, into a
    /// separate string (for block helpers; the parent's output is untouched).
    /// As in Handlebars.js, rendering with the current context itself adds no level, so `../`
    /// means the same inside the block as outside.
    static func renderToString(_ nodes: [TemplateNode], contexts: [JSONValue], data: [DataFrame], context: JSONValue,
                               escaping: TemplateEscaping, limits: TemplateLimits) throws(TemplateRenderError) -> String {
        let stack = contexts.last == context ? contexts : contexts + [context]
        var nested = TemplateRenderer(contexts: stack, data: data, escaping: escaping, limits: limits, capacity: 64)
        try nested.render(nodes)
        return nested.out.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Blocks

    private mutating func renderBlock(_ kind: TemplateBlockKind, _ expression: TemplateExpression, hash: [(key: String, value: TemplateExpression)],
                             body: [TemplateNode], inverse: [TemplateNode]) throws(TemplateRenderError) {
        let value = try evaluate(expression)
        switch kind {
        case .if, .unless:
            var includeZero = false
            if let pair = hash.first(where: { $0.key == "includeZero" }) { includeZero = TemplateValue.isTruthy(try evaluate(pair.value)) }
            let truthy = TemplateValue.isTruthy(value, includeZero: includeZero)
            try render(truthy == (kind == .if) ? body : inverse)
        case .with:
            if TemplateValue.isTruthy(value) || value.objectValue != nil {
                try withContext(value, body)
            } else {
                try render(inverse)
            }
        case .each:
            try renderEach(value, body: body, inverse: inverse)
        case .section:
            switch value {
            case .null, .bool(false): try render(inverse)
            case .bool(true): try render(body)
            case .array(let elements) where elements.isEmpty: try render(inverse)
            case .array: try renderEach(value, body: body, inverse: inverse)
            default: try withContext(value, body)
            }
        case .inverted:
            switch value {
            case .null, .bool(false): try render(body)
            case .array(let elements) where elements.isEmpty: try render(body)
            default: try render(inverse)
            }
        }
    }

    private mutating func renderEach(_ value: JSONValue, body: [TemplateNode], inverse: [TemplateNode]) throws(TemplateRenderError) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                data.append(DataFrame(index: index, key: .integer(Int64(index)), first: index == 0, last: index == elements.count - 1))
                defer { data.removeLast() }
                try withContext(element, body)
            }
        case .object(let object) where !object.isEmpty:
            for index in object.indices {
                data.append(DataFrame(index: index, key: .string(object.members[index].key), first: index == 0, last: index == object.count - 1))
                defer { data.removeLast() }
                try withContext(object.members[index].value, body)
            }
        default:
            try render(inverse)
        }
    }

    private mutating func withContext(_ context: JSONValue, _ nodes: [TemplateNode]) throws(TemplateRenderError) {
        outer.append(context)
        defer { outer.removeLast() }
        try render(nodes)
    }

    // MARK: - Expressions

    func evaluate(_ expression: TemplateExpression) throws(TemplateRenderError) -> JSONValue {
        switch try evaluateForOutput(expression) {
        case .value(let value): value
        case .safe(let text): .string(text)
        }
    }

    private func evaluateForOutput(_ expression: TemplateExpression) throws(TemplateRenderError) -> TemplateHelperOutput {
        switch expression {
        case .literal(let value): return .value(value)
        case .path(let path): return .value(lookup(path) ?? .null)
        case .helper(let call):
            if let pure = call.pure {
                let first = try evaluate(call.parameters[0])
                let second = call.parameters.count > 1 ? try evaluate(call.parameters[1]) : nil
                return pure(first, second)
            }
            return try invoke(call, body: nil, inverse: [])
        }
    }

    private func invoke(_ call: TemplateHelperCall, body: [TemplateNode]?, inverse: [TemplateNode]) throws(TemplateRenderError) -> TemplateHelperOutput {
        var arguments: [JSONValue] = []
        arguments.reserveCapacity(call.parameters.count)
        for parameter in call.parameters { arguments.append(try evaluate(parameter)) }
        var hash: [(key: String, value: JSONValue)] = []
        for pair in call.hash { hash.append((pair.key, try evaluate(pair.value))) }
        var input = TemplateHelperInput(arguments: arguments, hash: hash, context: current, isBlock: body != nil,
                                        contexts: contexts, data: data, escaping: escaping, limits: limits, body: body ?? [], inverse: inverse)
        if body != nil, let blockBody = call.helper.blockBody { return try blockBody(&input) }
        return try call.helper.body(&input)
    }

    /// Resolves a path against this render's stacks (see ``resolve(_:contexts:data:)``).
    func lookup(_ path: TemplatePath) -> JSONValue? {
        // The common case: a plain path and only the root context.
        if outer.isEmpty, !path.isData, path.up == 0, !path.segments.isEmpty {
            return Self.borrowedLookup(root, path.segments, from: 0)
        }
        // A plain path inside blocks: the innermost context that has the first member (Mustache).
        if !path.isData, path.up == 0, !path.isExplicit, let first = path.segments.first {
            var found: JSONValue?
            var index = outer.count - 1
            while index >= 0 {
                if let member = Self.member(outer[index], first) {
                    found = member
                    break
                }
                index -= 1
            }
            guard var value = found ?? Self.member(root, first) else { return nil }
            for segment in path.segments.dropFirst() {
                guard let next = Self.member(value, segment) else { return nil }
                value = next
            }
            return value
        }
        let root = self.root
        let outer = self.outer
        return Self.resolve(path, depth: outer.count + 1, context: { $0 == 0 ? root : outer[$0 - 1] }, data: data)
    }

    /// Follows `segments[index...]` from `value`, reading object members through their storage
    /// (borrowed) so only the final value is copied.
    static func borrowedLookup(_ value: JSONValue, _ segments: [String], from index: Int) -> JSONValue? {
        guard case .object(let object) = value else {
            guard let next = member(value, segments[index]) else { return nil }
            return index + 1 == segments.count ? next : borrowedLookup(next, segments, from: index + 1)
        }
        let name = segments[index]
        let length = name.utf8.count
        return object.members.withUnsafeBufferPointer { members -> JSONValue? in
            for position in members.indices where members[position].key.utf8.count == length && members[position].key == name {
                if index + 1 == segments.count { return members[position].value }
                return borrowedLookup(members[position].value, segments, from: index + 1)
            }
            return nil
        }
    }

    /// Resolves a path: data variables from the data stack; `../` climbs the context stack; the
    /// first member of a plain path is looked up in the innermost context that has it (Mustache).
    static func resolve(_ path: TemplatePath, contexts: [JSONValue], data: [DataFrame]) -> JSONValue? {
        resolve(path, depth: contexts.count, context: { contexts[$0] }, data: data)
    }

    /// The same over `depth` contexts given by position (0 = outermost).
    @inline(__always)
    static func resolve(_ path: TemplatePath, depth: Int, context: (Int) -> JSONValue, data: [DataFrame]) -> JSONValue? {
        if path.isData {
            guard let name = path.segments.first else { return nil }
            let rest = path.segments.dropFirst()
            if name == "root" { return depth > 0 ? descend(context(0), rest) : nil }
            let frameIndex = data.count - 1 - path.up
            guard frameIndex >= 0 else { return nil }
            let frame = data[frameIndex]
            let value: JSONValue
            switch name {
            case "index": value = .integer(Int64(frame.index))
            case "key": value = frame.key
            case "first": value = .bool(frame.first)
            case "last": value = .bool(frame.last)
            default: return nil
            }
            return descend(value, rest)
        }
        let level = depth - 1 - path.up
        guard level >= 0 else { return nil }
        guard let first = path.segments.first else { return context(level) }
        if path.isExplicit || path.up > 0 {
            return descend(context(level), path.segments[...])
        }
        var candidate = level
        while candidate >= 0 {
            if let found = member(context(candidate), first) {
                return descend(found, path.segments.dropFirst())
            }
            candidate -= 1
        }
        return nil
    }

    private static func descend(_ value: JSONValue, _ segments: ArraySlice<String>) -> JSONValue? {
        var current = value
        for segment in segments {
            guard let next = member(current, segment) else { return nil }
            current = next
        }
        return current
    }

    @inline(__always)
    static func member(_ value: JSONValue, _ name: String) -> JSONValue? {
        switch value {
        case .object(let object):
            return object[name]
        case .array(let elements):
            if name == "length" { return .integer(Int64(elements.count)) }
            guard let index = JSONValue.canonicalIndex(name), index < elements.count else { return nil }
            return elements[index]
        case .string(let string) where name == "length":
            return .integer(Int64(string.count))
        default:
            return nil
        }
    }
}
