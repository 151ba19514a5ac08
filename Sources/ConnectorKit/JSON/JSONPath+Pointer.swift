extension JSONPath {
    /// Parses an RFC 6901 JSON Pointer: `""` is the root, `/a/0/b~1c` has keys `a`, `0`, `b/c`.
    ///
    /// Every segment becomes a `.key` (a pointer cannot tell an index from a name);
    /// ``JSONValue/value(at:)`` reads a canonical integer key as an index on arrays.
    public init(pointer: String) throws(JSONPathError) {
        guard !pointer.isEmpty else {
            self.init([])
            return
        }
        guard pointer.hasPrefix("/") else {
            throw JSONPathError(path: pointer, offset: 0, message: "a JSON Pointer starts with '/'")
        }
        var components: [Component] = []
        var offset = 1
        for segment in pointer.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            var key: [UInt8] = []
            var iterator = segment.makeIterator()
            var position = offset
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "~") {
                    switch iterator.next() {
                    case UInt8(ascii: "0"): key.append(UInt8(ascii: "~"))
                    case UInt8(ascii: "1"): key.append(UInt8(ascii: "/"))
                    default: throw JSONPathError(path: pointer, offset: position, message: "'~' must be followed by 0 or 1")
                    }
                    position += 2
                } else {
                    key.append(byte)
                    position += 1
                }
            }
            components.append(.key(String(decoding: key, as: UTF8.self)))
            offset += segment.count + 1
        }
        self.init(components)
    }

    /// The RFC 6901 form (`/a/0/b~1c`).
    public var pointer: String {
        var text = ""
        for component in components {
            text += "/"
            switch component {
            case .index(let index): text += String(index)
            case .key(let key): text += Self.pointerToken(key)
            }
        }
        return text
    }

    /// `key` escaped as one JSON Pointer segment (`~` → `~0`, `/` → `~1`), without the slash.
    public static func pointerToken(_ key: String) -> String {
        guard key.contains(where: { $0 == "~" || $0 == "/" }) else { return key }
        var text = ""
        for character in key {
            switch character {
            case "~": text += "~0"
            case "/": text += "~1"
            default: text.append(character)
            }
        }
        return text
    }
}
