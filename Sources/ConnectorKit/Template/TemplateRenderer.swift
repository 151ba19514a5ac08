/// Renders compiled nodes for one piece of data: a context stack, a data stack (`@index`,
/// `@key`, `@first`, `@last`) and one output buffer.
final class TemplateRenderer {
    /// The variables an `each` iteration adds.
    struct DataFrame {
        var index: Int
        var key: JSONValue
        var first: Bool
        var last: Bool
    }

    private var contexts: [JSONValue]
    private var data: [DataFrame] = []
    private(set) var out: [UInt8] = []
    private let escaping: TemplateEscaping
    private let limits: TemplateLimits

    init(contexts: [JSONValue], escaping: TemplateEscaping, limits: TemplateLimits, capacity: Int) {
        precondition(!contexts.isEmpty, "a render needs a root context")
        self.contexts = contexts
        self.contexts.reserveCapacity(8)
        out.reserveCapacity(capacity)
        self.escaping = escaping
        self.limits = limits
    }

    func render(_ nodes: [TemplateNode]) throws(TemplateRenderError) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .value(let expression, let escaped):
                switch try evaluateForOutput(expression) {
                case .value(let value):
                    if case .string(let string) = value, !escaped || escaping == .none {
                        out.append(contentsOf: string.utf8)
                    } else if escaped {
                        escaping.append(TemplateValue.text(value), to: &out)
                    } else {
                        out.append(contentsOf: TemplateValue.text(value).utf8)
                    }
                case .safe(let text):
                    out.append(contentsOf: text.utf8)
                }
            case .block(let kind, let expression, let hash, let body, let inverse):
                try renderBlock(kind, expression, hash: hash, body: body, inverse: inverse)
            case .helperBlock(let call, let body, let inverse):
                switch try invoke(call, body: body, inverse: inverse) {
                case .value(let value): escaping.append(TemplateValue.text(value), to: &out)
                case .safe(let text): out.append(contentsOf: text.utf8)
                }
            }
            if out.count > limits.maxOutputBytes {
                throw TemplateRenderError("the output is larger than the limit of \(limits.maxOutputBytes) bytes")
            }
        }
    }

    /// Renders `nodes` with `context` pushed, into a separate string (for block helpers).
    func renderToString(_ nodes: [TemplateNode], context: JSONValue) throws(TemplateRenderError) -> String {
        let saved = out
        out = []
        contexts.append(context)
        defer {
            contexts.removeLast()
        }
        do {
            try render(nodes)
        } catch {
            out = saved
            throw error
        }
        let text = String(decoding: out, as: UTF8.self)
        out = saved
        return text
    }

    // MARK: - Blocks

    private func renderBlock(_ kind: TemplateBlockKind, _ expression: TemplateExpression, hash: [(key: String, value: TemplateExpression)],
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
                try withContext(value) { () throws(TemplateRenderError) in try render(body) }
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
            default: try withContext(value) { () throws(TemplateRenderError) in try render(body) }
            }
        case .inverted:
            switch value {
            case .null, .bool(false): try render(body)
            case .array(let elements) where elements.isEmpty: try render(body)
            default: try render(inverse)
            }
        }
    }

    private func renderEach(_ value: JSONValue, body: [TemplateNode], inverse: [TemplateNode]) throws(TemplateRenderError) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                data.append(DataFrame(index: index, key: .integer(Int64(index)), first: index == 0, last: index == elements.count - 1))
                defer { data.removeLast() }
                try withContext(element) { () throws(TemplateRenderError) in try render(body) }
            }
        case .object(let object) where !object.isEmpty:
            for index in object.indices {
                data.append(DataFrame(index: index, key: .string(object.keys[index]), first: index == 0, last: index == object.count - 1))
                defer { data.removeLast() }
                try withContext(object.values[index]) { () throws(TemplateRenderError) in try render(body) }
            }
        default:
            try render(inverse)
        }
    }

    private func withContext(_ context: JSONValue, _ body: () throws(TemplateRenderError) -> Void) throws(TemplateRenderError) {
        contexts.append(context)
        defer { contexts.removeLast() }
        try body()
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
        case .literal(let value): .value(value)
        case .path(let path): .value(lookup(path) ?? .null)
        case .helper(let call): try invoke(call, body: nil, inverse: [])
        }
    }

    private func invoke(_ call: TemplateHelperCall, body: [TemplateNode]?, inverse: [TemplateNode]) throws(TemplateRenderError) -> TemplateHelperOutput {
        var arguments: [JSONValue] = []
        arguments.reserveCapacity(call.parameters.count)
        for parameter in call.parameters { arguments.append(try evaluate(parameter)) }
        var hash: [(key: String, value: JSONValue)] = []
        for pair in call.hash { hash.append((pair.key, try evaluate(pair.value))) }
        var input = TemplateHelperInput(arguments: arguments, hash: hash, context: contexts[contexts.count - 1],
                                        renderer: body == nil ? nil : self, body: body ?? [], inverse: inverse)
        return try call.helper.body(&input)
    }

    /// Resolves a path against this render's stacks (see ``resolve(_:contexts:data:)``).
    func lookup(_ path: TemplatePath) -> JSONValue? {
        Self.resolve(path, contexts: contexts, data: data)
    }

    /// Resolves a path: data variables from the data stack; `../` climbs the context stack; the
    /// first member of a plain path is looked up in the innermost context that has it (Mustache).
    static func resolve(_ path: TemplatePath, contexts: [JSONValue], data: [DataFrame]) -> JSONValue? {
        if path.isData {
            guard let name = path.segments.first else { return nil }
            let rest = path.segments.dropFirst()
            if name == "root" { return contexts.first.flatMap { descend($0, rest) } }
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
        let level = contexts.count - 1 - path.up
        guard level >= 0 else { return nil }
        guard let first = path.segments.first else { return contexts[level] }
        if path.isExplicit || path.up > 0 {
            return descend(contexts[level], path.segments[...])
        }
        var candidate = level
        while candidate >= 0 {
            if let found = member(contexts[candidate], first) {
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

    private static func member(_ value: JSONValue, _ name: String) -> JSONValue? {
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
