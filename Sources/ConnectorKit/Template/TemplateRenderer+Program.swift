/// Rendering a ``TemplateProgram``: steps read from borrowed buffers, values reached through
/// pointers into the data's storage, so a render copies (and reference-counts) almost nothing.
extension TemplateRenderer {
    /// Renders `program` with `root` as the root context.
    static func render(_ program: TemplateProgram, root: JSONValue, escaping: TemplateEscaping, limits: TemplateLimits,
                       capacity: Int) throws(TemplateRenderError) -> [UInt8] {
        try withUnsafePointer(to: root) { rootPointer throws(TemplateRenderError) in
            try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { scratch throws(TemplateRenderError) in
                var renderer = TemplateRenderer(root: root, escaping: escaping, limits: limits, out: TemplateOutput(scratch: scratch))
                try renderer.run(program, root: rootPointer)
                return renderer.out.array
            }
        }
    }

    /// Sets up the stacks a program render uses (on the stack), then runs every step.
    private mutating func run(_ program: TemplateProgram, root: UnsafePointer<JSONValue>) throws(TemplateRenderError) {
        try withUnsafeTemporaryAllocation(of: TemplateContext.self, capacity: program.eachDepth + 1) { stack throws(TemplateRenderError) in
            try withUnsafeTemporaryAllocation(of: TemplateProgram.Frame.self, capacity: program.eachDepth) { frames throws(TemplateRenderError) in
                try withUnsafeTemporaryAllocation(of: TemplateContext.self, capacity: program.prefixKeys.count) { opened throws(TemplateRenderError) in
                    try program.withBuffers { buffers throws(TemplateRenderError) in
                        try Self.withContext(root) { context throws(TemplateRenderError) in
                            stack.initializeElement(at: 0, to: context)
                            self.stack = stack
                            self.frames = frames
                            self.opened = opened
                            depth = 1
                            try openPrefixes(from: 0, program, buffers)
                        }
                    }
                }
            }
        }
    }

    /// Opens the root members that several paths go through (``TemplateProgram/prefixKeys``,
    /// from `index` on), then runs every step with them open.
    private mutating func openPrefixes(from index: Int, _ program: TemplateProgram, _ buffers: TemplateProgram.Buffers) throws(TemplateRenderError) {
        guard index < buffers.prefixKeys.count else { return try run(program, buffers, from: 0, to: buffers.ops.count) }
        let opened: Void? = try Self.withMember(of: stack[0], buffers.keys[buffers.prefixKeys[index]], buffers) { member throws(TemplateRenderError) in
            try Self.withContext(member) { context throws(TemplateRenderError) in
                self.opened[index] = context
                try openPrefixes(from: index + 1, program, buffers)
            }
        }
        if opened == nil {
            self.opened[index] = TemplateContext(value: nil)
            try openPrefixes(from: index + 1, program, buffers)
        }
    }

    /// Runs the steps `start..<end`.
    private mutating func run(_ program: TemplateProgram, _ buffers: TemplateProgram.Buffers, from start: Int, to end: Int) throws(TemplateRenderError) {
        var index = start
        while index < end {
            let op = buffers.ops[index]
            switch op.code {
            case .text:
                out.append(UnsafeBufferPointer(rebasing: buffers.bytes[op.start..<op.end]))
                index += 1
            case .value:
                let escaped = op.escaped
                Self.withValue(buffers.paths[op.operand], buffers, in: programContexts) { value in
                    if let value { write(value.pointee, escaped: escaped) }
                }
                index += 1
            case .ifBlock, .unlessBlock:
                if isTruthy(buffers.paths[op.operand], buffers) == (op.code == .ifBlock) {
                    try run(program, buffers, from: index + 1, to: op.end)
                } else {
                    try run(program, buffers, from: op.end, to: op.blockEnd)
                }
                index = op.blockEnd
            case .each:
                if try !each(program, buffers, index) {
                    try run(program, buffers, from: op.end, to: op.blockEnd)
                }
                index = op.blockEnd
            case .filterBlock:
                let mark = out.count
                try run(program, buffers, from: index + 1, to: op.end)
                if let filter = program.calls[op.operand].helper.bodyFilter { out.filter(from: mark, filter) }
                index = op.blockEnd
            case .percentEncodeBlock:
                let mark = out.count
                try run(program, buffers, from: index + 1, to: op.end)
                out.percentEncode(from: mark)
                index = op.blockEnd
            case .pureCall:
                let call = program.pureCalls[op.operand]
                let first = argument(call.first, buffers)
                let output = call.second.map { call.helper(first, argument($0, buffers)) } ?? call.helper(first, nil)
                switch output {
                case .value(let value): write(value, escaped: op.escaped)
                case .safe(let text): out.append(text)
                }
                index += 1
            case .valueOrNext:
                let escaped = op.escaped
                let written = Self.withValue(buffers.paths[op.operand], buffers, in: programContexts) { value in
                    guard let value, !Self.isBlank(value.pointee) else { return false }
                    write(value.pointee, escaped: escaped)
                    return true
                }
                index += written ? 2 : 1
            case .literal:
                write(program.literals[op.operand], escaped: op.escaped)
                index += 1
            case .node:
                try render(program.nodes[op.operand])
                index += 1
            }
            if out.count > limits.maxOutputBytes {
                throw TemplateRenderError("the output is larger than the limit of \(limits.maxOutputBytes) bytes")
            }
        }
    }

    /// Renders the body of the `each` step at `index` once per element or member; false when
    /// there is nothing to iterate (the caller renders the inverse).
    private mutating func each(_ program: TemplateProgram, _ buffers: TemplateProgram.Buffers, _ index: Int) throws(TemplateRenderError) -> Bool {
        let op = buffers.ops[index]
        return try Self.withValue(buffers.paths[op.operand], buffers, in: programContexts) { value throws(TemplateRenderError) -> Bool in
            guard let value else { return false }
            switch value.pointee {
            case .array(let elements) where !elements.isEmpty:
                try elements.withUnsafeBufferPointer { elements throws(TemplateRenderError) in
                    for position in elements.indices {
                        let frame = op.feedsTree ? DataFrame(index: position, key: .integer(Int64(position)), first: position == 0, last: position == elements.count - 1) : nil
                        try iterate(program, buffers, op, index + 1, TemplateProgram.Frame(index: position, count: elements.count), frame, elements.baseAddress! + position)
                    }
                }
                return true
            case .object(let object) where !object.isEmpty:
                try object.members.withUnsafeBufferPointer { members throws(TemplateRenderError) in
                    let base = UnsafeRawPointer(members.baseAddress!)
                    for position in members.indices {
                        let frame = op.feedsTree ? DataFrame(index: position, key: .string(members[position].key), first: position == 0, last: position == members.count - 1) : nil
                        let member = (base + position * MemoryLayout<JSONObject.Member>.stride + buffers.valueOffset).assumingMemoryBound(to: JSONValue.self)
                        try iterate(program, buffers, op, index + 1, TemplateProgram.Frame(index: position, count: members.count), frame, member)
                    }
                }
                return true
            default:
                return false
            }
        }
    }

    /// One iteration of an `each` body (steps `start..<op.end`) with `element` as the context;
    /// `treeFrame` is pushed for the general renderer when the body needs it.
    private mutating func iterate(_ program: TemplateProgram, _ buffers: TemplateProgram.Buffers, _ op: TemplateProgram.Op, _ start: Int,
                                  _ frame: TemplateProgram.Frame, _ treeFrame: DataFrame?, _ element: UnsafePointer<JSONValue>) throws(TemplateRenderError) {
        try Self.withContext(element) { context throws(TemplateRenderError) in
            frames[depth - 1] = frame
            stack[depth] = context
            depth += 1
            defer { depth -= 1 }
            guard let treeFrame else { return try run(program, buffers, from: start, to: op.end) }
            data.append(treeFrame)
            outer.append(element.pointee)
            defer {
                outer.removeLast()
                data.removeLast()
            }
            try run(program, buffers, from: start, to: op.end)
        }
    }

    /// The value of a pure helper's argument (null when missing).
    private func argument(_ argument: TemplateProgram.Argument, _ buffers: TemplateProgram.Buffers) -> JSONValue {
        switch argument {
        case .literal(let value): value
        case .path(let path): Self.withValue(buffers.paths[path], buffers, in: programContexts) { $0?.pointee ?? .null }
        }
    }

    /// Whether a compiled path's value is truthy (Handlebars' `if`, as ``TemplateValue/isTruthy(_:includeZero:)``).
    private func isTruthy(_ path: TemplateProgram.Path, _ buffers: TemplateProgram.Buffers) -> Bool {
        switch path.kind {
        case .plain:
            return Self.withValue(path, buffers, in: programContexts) { value in value.map { Self.isTruthy($0.pointee) } ?? false }
        case .first, .last, .index:
            // Iterations in progress: depth - 1; the innermost is frames[depth - 2].
            let frameIndex = depth - 2 - path.up
            guard frameIndex >= 0 else { return false }
            let frame = frames[frameIndex]
            switch path.kind {
            case .first: return frame.index == 0
            case .last: return frame.index == frame.count - 1
            default: return frame.index != 0
            }
        }
    }

    /// Whether `defaultIfEmpty` replaces `value`: null or "".
    private static func isBlank(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let string): string.isEmpty
        default: false
        }
    }

    /// ``TemplateValue/isTruthy(_:includeZero:)`` without `includeZero`, over a borrowed value.
    private static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .string(let string): !string.isEmpty
        case .integer(let integer): integer != 0
        case .number(let number): number.doubleValue != 0
        case .array(let elements): !elements.isEmpty
        case .object: true
        }
    }
}
