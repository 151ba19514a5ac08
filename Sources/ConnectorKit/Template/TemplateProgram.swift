/// A template's nodes compiled to a flat list of steps for rendering from the root context.
///
/// Steps, compiled paths and keys are plain values (no references), so the renderer reads
/// them without reference counting; texts and key names live in one byte pool. Interpolated
/// plain paths, pure helper calls on plain paths and literals, `if`/`unless`/`each` over plain
/// paths or `@first`/`@last`/`@index`, and body filter blocks (`urlEncode`) are native steps; every other node is kept as a tree node and
/// rendered by ``TemplateRenderer/render(_:)`` (see ``Code/node``).
final class TemplateProgram: Sendable {
    enum Code: UInt8, Sendable {
        /// `bytes[start..<end]` as is.
        case text
        /// The value of `paths[operand]`, escaped when `escaped`.
        case value
        /// Steps `next..<end` (body) when `paths[operand]` is truthy, else `end..<blockEnd`.
        case ifBlock
        /// The same with the condition negated.
        case unlessBlock
        /// Body `next..<end` per element or member of `paths[operand]`, else `end..<blockEnd`.
        case each
        /// Body `next..<end`, then `calls[operand]`'s body filter over what it wrote.
        case filterBlock
        /// Body `next..<end`, then what it wrote percent-encoded (the standard `urlEncode`).
        case percentEncodeBlock
        /// The pure helper call `pureCalls[operand]`, its result escaped when `escaped`.
        case pureCall
        /// `defaultIfEmpty`: the value of `paths[operand]` unless it is missing, null or "";
        /// else the next step (a ``value`` or ``literal``) gives it.
        case valueOrNext
        /// `literals[operand]`, escaped when `escaped`.
        case literal
        /// The tree nodes `nodes[operand]`.
        case node
    }

    /// One step. Blocks are followed by their body and then their inverse steps.
    struct Op: Sendable {
        var code: Code
        var escaped = false
        /// `each`: the body holds ``Code/node`` steps, which read the context and data stacks
        /// of the general renderer, so iterations push onto those too.
        var feedsTree = false
        var operand = 0
        /// Text: the start in the byte pool. Blocks: unused.
        var start = 0
        /// Text: the end in the byte pool. Blocks: where the body ends and the inverse starts.
        var end = 0
        /// Blocks: where the inverse ends (the next step after the block).
        var blockEnd = 0
    }

    /// A path resolved natively: a plain path (`a.b`, looked up Mustache-style from the
    /// innermost context) or a single data variable.
    struct Path: Sendable {
        enum Kind: UInt8, Sendable { case plain, first, last, index }
        var kind: Kind
        /// Data variables: how many `../` (frames up).
        var up = 0
        /// Plain paths: `keys[firstKey..<(firstKey + keyCount)]`.
        var firstKey = 0
        var keyCount = 0
        /// Plain paths of two or more keys: their first key's index in ``prefixKeys``.
        var prefix = -1
    }

    /// An argument of a pure helper call: a compiled path or a literal.
    enum Argument: Sendable {
        case path(Int)
        case literal(JSONValue)
    }

    /// A call of a pure helper with one or two arguments (see ``TemplateHelper/init(arguments:pure:)``).
    struct PureCall: Sendable {
        let helper: @Sendable (JSONValue, JSONValue?) -> TemplateHelperOutput
        let first: Argument
        let second: Argument?
    }

    /// One `each` iteration: `@index`, `@first` and `@last` derive from it.
    struct Frame {
        var index: Int
        var count: Int
    }

    /// The buffers a render reads, borrowed for its duration.
    struct Buffers {
        let ops: UnsafeBufferPointer<Op>
        let paths: UnsafeBufferPointer<Path>
        let keys: UnsafeBufferPointer<TemplateKey>
        let bytes: UnsafeBufferPointer<UInt8>
        let prefixKeys: UnsafeBufferPointer<Int>
        let keyOffset: Int
        let valueOffset: Int
    }

    let ops: [Op]
    let paths: [Path]
    let keys: [TemplateKey]
    let bytes: [UInt8]
    /// The first keys (indices in `keys`, distinct names) of paths of two or more keys: a render
    /// looks each up in the root once and keeps it open, so those paths start one level down.
    let prefixKeys: [Int]
    /// Tree nodes rendered by the general renderer, one list per ``Code/node`` step.
    let nodes: [[TemplateNode]]
    /// The helper calls of ``Code/filterBlock`` steps.
    let calls: [TemplateHelperCall]
    /// The calls of ``Code/pureCall`` steps.
    let pureCalls: [PureCall]
    /// The values of ``Code/literal`` steps.
    let literals: [JSONValue]
    /// How many `each` steps nest at most (the context stack a render needs above the root).
    let eachDepth: Int
    /// Where a member's key and value lie inside `JSONObject.Member` (stored properties of a
    /// struct always have an offset).
    let keyOffset = MemoryLayout<JSONObject.Member>.offset(of: \.key)!
    let valueOffset = MemoryLayout<JSONObject.Member>.offset(of: \.value)!

    init(_ tree: [TemplateNode]) {
        var compiler = Compiler()
        compiler.emit(tree, depth: 0)
        ops = compiler.ops
        paths = compiler.paths
        keys = compiler.keys
        bytes = compiler.bytes
        prefixKeys = compiler.prefixKeys
        nodes = compiler.nodes
        calls = compiler.calls
        pureCalls = compiler.pureCalls
        literals = compiler.literals
        eachDepth = compiler.eachDepth
    }

    /// Calls `body` with the program's buffers.
    @inline(__always)
    func withBuffers<R, E: Error>(_ body: (Buffers) throws(E) -> R) throws(E) -> R {
        try ops.withUnsafeBufferPointer { ops throws(E) in
            try paths.withUnsafeBufferPointer { paths throws(E) in
                try keys.withUnsafeBufferPointer { keys throws(E) in
                    try bytes.withUnsafeBufferPointer { bytes throws(E) in
                        try prefixKeys.withUnsafeBufferPointer { prefixKeys throws(E) in
                            try body(Buffers(ops: ops, paths: paths, keys: keys, bytes: bytes, prefixKeys: prefixKeys,
                                             keyOffset: keyOffset, valueOffset: valueOffset))
                        }
                    }
                }
            }
        }
    }

    /// Builds the steps from the tree.
    private struct Compiler {
        var ops: [Op] = []
        var paths: [Path] = []
        var keys: [TemplateKey] = []
        var bytes: [UInt8] = []
        var prefixKeys: [Int] = []
        /// ``prefixKeys`` positions by name.
        var prefixes: [String: Int] = [:]
        var nodes: [[TemplateNode]] = []
        var calls: [TemplateHelperCall] = []
        var pureCalls: [PureCall] = []
        var literals: [JSONValue] = []
        var eachDepth = 0

        mutating func emit(_ tree: [TemplateNode], depth: Int) {
            for node in tree {
                switch node {
                case .text(let text):
                    ops.append(Op(code: .text, start: bytes.count, end: bytes.count + text.count))
                    bytes += text
                case .value(.path(let path), let escaped):
                    if let index = compile(path, asCondition: false) {
                        ops.append(Op(code: .value, escaped: escaped, operand: index))
                    } else {
                        keep(node)
                    }
                case .value(.helper(let call), let escaped) where call.pure != nil && call.parameters.count <= 2:
                    let arguments = call.parameters.map { argument($0) }
                    guard let pure = call.pure, !arguments.contains(where: { $0 == nil }) else {
                        keep(node)
                        continue
                    }
                    if call.helper.picksFallbackWhenEmpty, arguments.count == 2, case .path(let first)? = arguments[0] {
                        ops.append(Op(code: .valueOrNext, escaped: escaped, operand: first))
                        switch arguments[1] {
                        case .path(let fallback)?:
                            ops.append(Op(code: .value, escaped: escaped, operand: fallback))
                        case .literal(let fallback)?:
                            literals.append(fallback)
                            ops.append(Op(code: .literal, escaped: escaped, operand: literals.count - 1))
                        case nil:
                            preconditionFailure("arguments were checked above")
                        }
                    } else {
                        pureCalls.append(PureCall(helper: pure, first: arguments[0]!, second: arguments.count == 2 ? arguments[1] : nil))
                        ops.append(Op(code: .pureCall, escaped: escaped, operand: pureCalls.count - 1))
                    }
                case .block(let kind, .path(let path), let hash, let body, let inverse)
                    where hash.isEmpty && (kind == .if || kind == .unless || kind == .each):
                    guard let index = compile(path, asCondition: kind != .each) else {
                        keep(node)
                        continue
                    }
                    if kind == .each { eachDepth = max(eachDepth, depth + 1) }
                    let code: Code = kind == .if ? .ifBlock : kind == .unless ? .unlessBlock : .each
                    block(code, operand: index, body: body, inverse: inverse, depth: depth)
                case .helperBlock(let call, let body, _) where call.helper.bodyFilter != nil && call.parameters.isEmpty:
                    calls.append(call)
                    block(call.helper.bodyFilterEncodesURL ? .percentEncodeBlock : .filterBlock, operand: calls.count - 1,
                          body: body, inverse: [], depth: depth)
                default:
                    keep(node)
                }
            }
        }

        /// A node for the general renderer.
        private mutating func keep(_ node: TemplateNode) {
            nodes.append([node])
            ops.append(Op(code: .node, operand: nodes.count - 1))
        }

        private mutating func block(_ code: Code, operand: Int, body: [TemplateNode], inverse: [TemplateNode], depth: Int) {
            let position = ops.count
            ops.append(Op(code: code, operand: operand))
            // An each body renders one level deeper (its element pushed); the inverse does not.
            emit(body, depth: code == .each ? depth + 1 : depth)
            ops[position].end = ops.count
            ops[position].feedsTree = ops[(position + 1)...].contains { $0.code == .node }
            emit(inverse, depth: depth)
            ops[position].blockEnd = ops.count
        }

        /// A helper argument compiled, or nil when the general renderer must evaluate it.
        private mutating func argument(_ expression: TemplateExpression) -> Argument? {
            switch expression {
            case .literal(let value): return .literal(value)
            case .path(let path): return compile(path, asCondition: false).map(Argument.path)
            case .helper: return nil
            }
        }

        /// The index of the compiled path, or nil when the general renderer must resolve it.
        private mutating func compile(_ path: TemplatePath, asCondition: Bool) -> Int? {
            if path.isData {
                guard asCondition, path.segments.count == 1 else { return nil }
                let kind: Path.Kind
                switch path.segments[0] {
                case "first": kind = .first
                case "last": kind = .last
                case "index": kind = .index
                default: return nil
                }
                paths.append(Path(kind: kind, up: path.up))
                return paths.count - 1
            }
            guard path.up == 0, !path.isExplicit, !path.segments.isEmpty else { return nil }
            var prefix = -1
            if path.segments.count > 1 {
                if let known = prefixes[path.segments[0]] {
                    prefix = known
                } else {
                    prefix = prefixKeys.count
                    prefixes[path.segments[0]] = prefix
                    prefixKeys.append(keys.count)
                }
            }
            paths.append(Path(kind: .plain, firstKey: keys.count, keyCount: path.segments.count, prefix: prefix))
            for segment in path.segments {
                keys.append(TemplateKey(segment, start: bytes.count))
                bytes += Array(segment.utf8)
            }
            return paths.count - 1
        }
    }
}
