/// A context of a program render: where its value is and, for an object, its members,
/// borrowed for as long as the context is in use so that lookups in it copy nothing.
struct TemplateContext {
    /// The value; nil for a member that is missing.
    var value: UnsafePointer<JSONValue>?
    /// Whether `members` and `count` describe the object's members.
    var isObject = false
    var members: UnsafeRawPointer?
    var count = 0
}

/// The contexts a program render looks paths up in (a copy of the renderer's, so a lookup
/// does not access the renderer while its body writes to it).
struct TemplateContexts {
    let stack: UnsafeMutableBufferPointer<TemplateContext>
    let depth: Int
    let opened: UnsafeMutableBufferPointer<TemplateContext>
}

/// Path lookups of program renders: the first key from the innermost context that has it
/// (Mustache), the rest from there, values read in place.
extension TemplateRenderer {
    /// Calls `body` with `value` as a context (an object's members borrowed for the call).
    static func withContext<R, E: Error>(_ value: UnsafePointer<JSONValue>, _ body: (TemplateContext) throws(E) -> R) throws(E) -> R {
        guard case .object(let object) = value.pointee else { return try body(TemplateContext(value: value)) }
        return try object.members.withUnsafeBufferPointer { members throws(E) in
            try body(TemplateContext(value: value, isObject: true, members: members.baseAddress.map(UnsafeRawPointer.init), count: members.count))
        }
    }

    /// The contexts lookups read now.
    var programContexts: TemplateContexts {
        TemplateContexts(stack: stack, depth: depth, opened: opened)
    }

    /// Calls `body` with the value of a plain path in `contexts`, or nil when it is missing.
    @inline(__always)
    static func withValue<R, E: Error>(_ path: TemplateProgram.Path, _ buffers: TemplateProgram.Buffers, in contexts: TemplateContexts,
                                       _ body: (UnsafePointer<JSONValue>?) throws(E) -> R) throws(E) -> R {
        let stack = contexts.stack
        let depth = contexts.depth
        let opened = contexts.opened
        let end = path.firstKey + path.keyCount
        var level = depth - 1
        while level > 0 {
            let found = try withMember(of: stack[level], buffers.keys[path.firstKey], buffers) { member throws(E) in
                try descend(member, buffers, from: path.firstKey + 1, to: end, body)
            }
            if let found { return found }
            level -= 1
        }
        // In the root, a path through an opened member starts from it.
        if path.prefix >= 0 {
            let prefix = opened[path.prefix]
            guard prefix.value != nil else { return try body(nil) }
            let found = try withMember(of: prefix, buffers.keys[path.firstKey + 1], buffers) { member throws(E) in
                try descend(member, buffers, from: path.firstKey + 2, to: end, body)
            }
            if let found { return found }
            return try body(nil)
        }
        let found = try withMember(of: stack[0], buffers.keys[path.firstKey], buffers) { member throws(E) in
            try Self.descend(member, buffers, from: path.firstKey + 1, to: end, body)
        }
        if let found { return found }
        return try body(nil)
    }

    /// Follows `keys[next..<end]` from `value` and calls `body` with what it reaches (nil when missing).
    private static func descend<R, E: Error>(_ value: UnsafePointer<JSONValue>, _ buffers: TemplateProgram.Buffers, from next: Int, to end: Int,
                                             _ body: (UnsafePointer<JSONValue>?) throws(E) -> R) throws(E) -> R {
        if next == end { return try body(value) }
        let found = try withMember(value.pointee, buffers.keys[next], buffers) { member throws(E) in
            try descend(member, buffers, from: next + 1, to: end, body)
        }
        if let found { return found }
        return try body(nil)
    }

    /// Calls `body` with the member `key` of `context`, or returns nil when it has none.
    @inline(__always)
    static func withMember<R, E: Error>(of context: TemplateContext, _ key: TemplateKey, _ buffers: TemplateProgram.Buffers,
                                        _ body: (UnsafePointer<JSONValue>) throws(E) -> R) throws(E) -> R? {
        if context.isObject {
            guard let base = context.members else { return nil }
            let stride = MemoryLayout<JSONObject.Member>.stride
            guard let position = key.position(in: base, count: context.count, stride: stride, keyOffset: buffers.keyOffset, buffers.bytes) else {
                return nil
            }
            return try body((base + position * stride + buffers.valueOffset).assumingMemoryBound(to: JSONValue.self))
        }
        guard let value = context.value else { return nil }
        return try withMember(value.pointee, key, buffers, body)
    }

    /// Calls `body` with the member `key` of `value` (read in place), or returns nil when
    /// `value` has no such member. Arrays and strings answer `length` and array indices.
    @inline(__always)
    private static func withMember<R, E: Error>(_ value: JSONValue, _ key: TemplateKey, _ buffers: TemplateProgram.Buffers,
                                                _ body: (UnsafePointer<JSONValue>) throws(E) -> R) throws(E) -> R? {
        switch value {
        case .object(let object):
            return try object.members.withUnsafeBufferPointer { members throws(E) -> R? in
                try withMember(of: TemplateContext(isObject: true, members: members.baseAddress.map(UnsafeRawPointer.init), count: members.count),
                               key, buffers, body)
            }
        case .array, .string:
            let name = String(decoding: UnsafeBufferPointer(rebasing: buffers.bytes[key.start..<(key.start + key.length)]), as: UTF8.self)
            guard let member = member(value, name) else { return nil }
            return try withUnsafePointer(to: member) { member throws(E) in try body(member) }
        default:
            return nil
        }
    }
}
