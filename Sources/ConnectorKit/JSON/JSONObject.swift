/// A JSON object that keeps its members in document order.
///
/// Lookup is linear, which beats hashing for the small objects of webhook payloads.
/// Equality ignores member order, as JSON's does.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// The member names, in document order, without duplicates.
    public private(set) var keys: [String]
    /// The member values, parallel to ``keys``.
    public private(set) var values: [JSONValue]

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    /// An object whose members are `pairs`, in order; a repeated key keeps its first position
    /// and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// Appends a member without checking for a duplicate key. The caller guarantees uniqueness.
    package mutating func appendUnchecked(key: String, value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    /// Replaces the value at `position` (used by the parser for repeated keys).
    package mutating func replaceValueUnchecked(at position: Int, with value: JSONValue) {
        values[position] = value
    }

    /// Reserves room for `count` members.
    public mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// The position of `key`, if present.
    public func index(forKey key: String) -> Int? {
        // Comparing lengths first skips the full comparison for almost every other key.
        let length = key.utf8.count
        return keys.firstIndex { $0.utf8.count == length && $0 == key }
    }

    /// Reads, replaces, adds (at the end) or removes (with `nil`) the member `key`.
    public subscript(key: String) -> JSONValue? {
        get { index(forKey: key).map { values[$0] } }
        set {
            if let i = index(forKey: key) {
                if let newValue { values[i] = newValue } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        (keys[position], values[position])
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.keys.count == rhs.keys.count else { return false }
        if lhs.keys == rhs.keys { return lhs.values == rhs.values }
        for (i, key) in lhs.keys.enumerated() {
            guard let other = rhs[key], other == lhs.values[i] else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var combined = 0
        for (i, key) in keys.enumerated() {
            var h = Hasher()
            h.combine(key)
            h.combine(values[i])
            combined ^= h.finalize()
        }
        hasher.combine(keys.count)
        hasher.combine(combined)
    }
}
