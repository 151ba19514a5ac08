/// Rendering a ``TemplateProgram``: steps read from borrowed buffers, values reached through
/// pointers into the data's storage, so a render copies (and reference-counts) almost nothing.
extension TemplateRenderer {
    /// Renders `program` with `root` as the root context.
    static func render(_ program: TemplateProgram, root: JSONValue, escaping: TemplateEscaping, limits: TemplateLimits,
                       capacity: Int) throws(TemplateRenderError) -> [UInt8] {
        try withUnsafePointer(to: root) { rootPointer throws(TemplateRenderError) in
            try withUnsafeTemporaryAllocation(of: UnsafePointer<JSONValue>.self, capacity: program.eachDepth + 1) { stack throws(TemplateRenderError) in
                stack.initializeElement(at: 0, to: rootPointer)
                var renderer = TemplateRenderer(root: root, escaping: escaping, limits: limits, capacity: capacity)
                renderer.stack = stack
                renderer.depth = 1
                try program.withBuffers { buffers throws(TemplateRenderError) in
                    try renderer.run(program, buffers, from: 0, to: buffers.ops.count)
                }
                return renderer.out
            }
        }
    }

    /// Runs the steps `start..<end`.
    private mutating func run(_ program: TemplateProgram, _ buffers: TemplateProgram.Buffers, from start: Int, to end: Int) throws(TemplateRenderError) {
        var index = start
        while index < end {
            let op = buffers.ops[index]
            switch op.code {
            case .text:
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffers.bytes[op.start..<op.end]))
                index += 1
            case .value:
                let escaped = op.escaped
                Self.withValue(buffers.paths[op.operand], buffers, stack: stack, depth: depth) { value in
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
                program.calls[op.operand].helper.bodyFilter?(&out, mark)
                index = op.blockEnd
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
        return try Self.withValue(buffers.paths[op.operand], buffers, stack: stack, depth: depth) { value throws(TemplateRenderError) -> Bool in
            guard let value else { return false }
            switch value.pointee {
            case .array(let elements) where !elements.isEmpty:
                try elements.withUnsafeBufferPointer { elements throws(TemplateRenderError) in
                    for position in elements.indices {
                        let frame = DataFrame(index: position, key: .integer(Int64(position)), first: position == 0, last: position == elements.count - 1)
                        try iterate(program, buffers, index + 1, op.end, frame, elements.baseAddress! + position)
                    }
                }
                return true
            case .object(let object) where !object.isEmpty:
                try object.members.withUnsafeBufferPointer { members throws(TemplateRenderError) in
                    let base = UnsafeRawPointer(members.baseAddress!)
                    for position in members.indices {
                        let frame = DataFrame(index: position, key: .string(members[position].key), first: position == 0, last: position == members.count - 1)
                        let member = (base + position * MemoryLayout<JSONObject.Member>.stride + buffers.valueOffset).assumingMemoryBound(to: JSONValue.self)
                        try iterate(program, buffers, index + 1, op.end, frame, member)
                    }
                }
                return true
            default:
                return false
            }
        }
    }

    /// One iteration of an `each` body (steps `start..<end`) with `element` as the context.
    private mutating func iterate(_ program: TemplateProgram, _ buffers: TemplateProgram.Buffers, _ start: Int, _ end: Int,
                                  _ frame: DataFrame, _ element: UnsafePointer<JSONValue>) throws(TemplateRenderError) {
        data.append(frame)
        stack[depth] = element
        depth += 1
        // The general renderer (kept nodes inside the body) reads the context stack by value.
        outer.append(element.pointee)
        defer {
            outer.removeLast()
            depth -= 1
            data.removeLast()
        }
        try run(program, buffers, from: start, to: end)
    }

    /// Whether a compiled path's value is truthy (Handlebars' `if`).
    private func isTruthy(_ path: TemplateProgram.Path, _ buffers: TemplateProgram.Buffers) -> Bool {
        switch path.kind {
        case .plain:
            return Self.withValue(path, buffers, stack: stack, depth: depth) { value in
                guard let value else { return false }
                return TemplateValue.isTruthy(value.pointee)
            }
        case .first, .last, .index:
            let frameIndex = data.count - 1 - path.up
            guard frameIndex >= 0 else { return false }
            let frame = data[frameIndex]
            return path.kind == .first ? frame.first : path.kind == .last ? frame.last : frame.index != 0
        }
    }

    /// Calls `body` with the value of a plain path, or nil when it is missing: the first member
    /// from the innermost context that has it (Mustache), the rest from there.
    @inline(__always)
    private static func withValue<R, E: Error>(_ path: TemplateProgram.Path, _ buffers: TemplateProgram.Buffers,
                                               stack: UnsafeMutableBufferPointer<UnsafePointer<JSONValue>>, depth: Int,
                                               _ body: (UnsafePointer<JSONValue>?) throws(E) -> R) throws(E) -> R {
        let end = path.firstKey + path.keyCount
        var level = depth - 1
        while level >= 0 {
            let found = try withMember(stack[level], buffers.keys[path.firstKey], buffers) { member throws(E) in
                try descend(member, buffers, from: path.firstKey + 1, to: end, body)
            }
            if let found { return found }
            level -= 1
        }
        return try body(nil)
    }

    /// Follows `keys[next..<end]` from `value` and calls `body` with what it reaches (nil when missing).
    private static func descend<R, E: Error>(_ value: UnsafePointer<JSONValue>, _ buffers: TemplateProgram.Buffers, from next: Int, to end: Int,
                                             _ body: (UnsafePointer<JSONValue>?) throws(E) -> R) throws(E) -> R {
        if next == end { return try body(value) }
        let found = try withMember(value, buffers.keys[next], buffers) { member throws(E) in
            try descend(member, buffers, from: next + 1, to: end, body)
        }
        if let found { return found }
        return try body(nil)
    }

    /// Calls `body` with the member `key` of `value` (read in place), or returns nil when
    /// `value` has no such member. Arrays and strings answer `length` and array indices.
    @inline(__always)
    private static func withMember<R, E: Error>(_ value: UnsafePointer<JSONValue>, _ key: TemplateKey, _ buffers: TemplateProgram.Buffers,
                                                _ body: (UnsafePointer<JSONValue>) throws(E) -> R) throws(E) -> R? {
        switch value.pointee {
        case .object(let object):
            return try object.members.withUnsafeBufferPointer { members throws(E) -> R? in
                guard let base = members.baseAddress.map(UnsafeRawPointer.init) else { return nil }
                for position in 0..<members.count {
                    let member = base + position * MemoryLayout<JSONObject.Member>.stride
                    if key.matches(member + buffers.keyOffset, buffers.bytes) {
                        return try body((member + buffers.valueOffset).assumingMemoryBound(to: JSONValue.self))
                    }
                }
                return nil
            }
        case .array, .string:
            let name = String(decoding: UnsafeBufferPointer(rebasing: buffers.bytes[key.start..<(key.start + key.length)]), as: UTF8.self)
            guard let member = member(value.pointee, name) else { return nil }
            return try withUnsafePointer(to: member) { member throws(E) in try body(member) }
        default:
            return nil
        }
    }
}
