extension JSONValue {
    /// The value at `path`, or `nil` when some step is missing. On arrays, a key that is a
    /// canonical non-negative integer (`"0"`, `"12"`) reads as an index.
    public func value(at path: JSONPath) -> JSONValue? {
        var current = self
        for component in path.components {
            switch (component, current) {
            case (.key(let key), .object(let object)):
                guard let next = object[key] else { return nil }
                current = next
            case (.index(let index), .array(let elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            case (.key(let key), .array(let elements)):
                guard let index = JSONValue.canonicalIndex(key), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Stores `newValue` at `path`, creating objects for missing keys. An index may replace an
    /// element or append at exactly the end.
    /// - Throws: ``JSONPathError`` when a step meets a value it cannot enter.
    public mutating func setValue(_ newValue: JSONValue, at path: JSONPath) throws(JSONPathError) {
        try setValue(newValue, at: path.components[...], whole: path)
    }

    private mutating func setValue(_ newValue: JSONValue, at rest: ArraySlice<JSONPath.Component>, whole: JSONPath) throws(JSONPathError) {
        guard let first = rest.first else {
            self = newValue
            return
        }
        let position = whole.components.count - rest.count
        switch (first, self) {
        case (.key(let key), .object(var object)):
            var child = object[key] ?? .object(JSONObject())
            self = .null // release the reference so the object is mutated in place
            do {
                try child.setValue(newValue, at: rest.dropFirst(), whole: whole)
            } catch {
                self = .object(object) // leave the value as it was
                throw error
            }
            object[key] = child
            self = .object(object)
        case (.key(let key), .null):
            var child = JSONValue.object(JSONObject())
            try child.setValue(newValue, at: rest.dropFirst(), whole: whole)
            self = .object(JSONObject([(key, child)]))
        case (_, .array(var elements)):
            let index: Int? = switch first {
            case .index(let index): index
            case .key(let key): JSONValue.canonicalIndex(key)
            }
            guard let index, index <= elements.count else {
                throw JSONPathError(path: whole.dotted, offset: position, message: "no element \(first) in an array of \(elements.count) elements")
            }
            self = .null // release the reference so the array is mutated in place
            var child = index < elements.count ? elements[index] : .null
            do {
                try child.setValue(newValue, at: rest.dropFirst(), whole: whole)
            } catch {
                self = .array(elements) // leave the value as it was
                throw error
            }
            if index < elements.count { elements[index] = child } else { elements.append(child) }
            self = .array(elements)
        default:
            throw JSONPathError(path: whole.dotted, offset: position, message: "cannot enter a \(typeName) at step \(position + 1)")
        }
    }

    static func canonicalIndex(_ key: String) -> Int? {
        guard let value = Int(key), value >= 0, String(value) == key else { return nil }
        return value
    }
}
