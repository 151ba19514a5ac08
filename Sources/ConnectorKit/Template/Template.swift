/// A Handlebars template, compiled once and rendered many times.
///
/// ```swift
/// let template = try Template(#"{"email": "{{email}}", "name": "{{uppercase firstName}}"}"#)
/// let body = try template.render(event, escaping: .json)
/// ```
///
/// Supported: paths (`a.b`, `../x`, `this`, `@index`, `@key`, `@first`, `@last`, `@root`),
/// `{{{raw}}}` and `{{&raw}}`, `{{#if}}`/`{{else}}`/`{{else if}}`, `{{#unless}}`, `{{#each}}`
/// over arrays and objects, `{{#with}}`, Mustache sections `{{#x}}` and `{{^x}}`, comments,
/// whitespace control `{{~ ~}}`, helpers with literal, path, subexpression and `key=value`
/// arguments. Values are escaped for where the output goes (``TemplateEscaping``), not as
/// HTML by default. Missing values render as nothing.
public struct Template: Sendable {
    /// The source as written.
    public let source: String
    let nodes: [TemplateNode]
    /// The nodes compiled for root renders.
    let program: TemplateProgram
    let limits: TemplateLimits

    /// Compiles `source`; helper names resolve against `helpers`.
    /// - Throws: ``TemplateSyntaxError`` with line:column and the offending excerpt.
    public init(_ source: String, helpers: TemplateHelpers = .standard, limits: TemplateLimits = TemplateLimits()) throws(TemplateSyntaxError) {
        self.source = source
        self.limits = limits
        nodes = try TemplateParser(source: source, helpers: helpers, limits: limits).parse()
        program = TemplateProgram(nodes)
    }

    /// Renders the template with `data` as the root context.
    /// - Throws: ``TemplateRenderError`` when the output passes the size limit or a helper refuses its input.
    public func render(_ data: JSONValue, escaping: TemplateEscaping) throws(TemplateRenderError) -> String {
        String(decoding: try renderBytes(data, escaping: escaping), as: UTF8.self)
    }

    /// Renders into UTF-8 bytes.
    public func renderBytes(_ data: JSONValue, escaping: TemplateEscaping) throws(TemplateRenderError) -> [UInt8] {
        try TemplateRenderer.render(program, root: data, escaping: escaping, limits: limits, capacity: source.utf8.count + 64)
    }

    /// Renders with a context stack (outermost first): `../` and Mustache lookups reach the
    /// outer contexts. Mappings use it inside `each`.
    func renderBytes(contexts: [JSONValue], escaping: TemplateEscaping) throws(TemplateRenderError) -> [UInt8] {
        var renderer = TemplateRenderer(contexts: contexts, escaping: escaping, limits: limits, capacity: source.utf8.count + 64)
        try renderer.render(nodes)
        return renderer.out.array
    }

    /// The single `{{path}}` the template consists of, if so (see ``singlePath``).
    var singleTemplatePath: TemplatePath? {
        guard nodes.count == 1, case .value(.path(let path), _) = nodes[0] else { return nil }
        return path
    }

    /// The paths the template reads from its root context: outside blocks that change the
    /// context (`each`, `with`, sections), including helper arguments. Data variables excluded.
    var rootReferences: [TemplatePath] {
        var paths: [TemplatePath] = []
        func collect(_ expression: TemplateExpression) {
            switch expression {
            case .path(let path) where !path.isData && path.up == 0 && !path.segments.isEmpty: paths.append(path)
            case .helper(let call):
                call.parameters.forEach(collect)
                call.hash.forEach { collect($0.value) }
            default: break
            }
        }
        func walk(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text: break
                case .value(let expression, _): collect(expression)
                case .block(let kind, let expression, let hash, let body, let inverse):
                    collect(expression)
                    hash.forEach { collect($0.value) }
                    if kind == .if || kind == .unless || kind == .inverted { walk(body) }
                    walk(inverse)
                case .helperBlock(let call, let body, let inverse):
                    collect(.helper(call))
                    walk(body)
                    walk(inverse)
                }
            }
        }
        walk(nodes)
        return paths
    }

    /// When the whole template is one `{{path}}` (or `{{{path}}}`), that path: mappings use
    /// it to keep the referenced value's JSON type.
    public var singlePath: JSONPath? {
        guard let path = singleTemplatePath, !path.isData, path.up == 0 else { return nil }
        return JSONPath(path.segments.map { .key($0) })
    }
}
