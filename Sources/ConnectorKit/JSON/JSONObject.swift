/// A JSON object that keeps its members in document order.
///
/// Members live in one array (one reference to retain when a value is copied); lookup is
/// linear, which beats hashing for the small objects of webhook payloads. Equality ignores
/// member order, as JSON's does.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// One member: a name and its value.
    public struct Member: Sendable, Hashable {
        public let key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members, in document order, without duplicate keys.
    public private(set) var members: [Member]

    /// An empty object.
    public init() {
        members = []
    }

    /// An object whose members are `pairs`, in order; a repeated key keeps its first position
    /// and its last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// The member names, in order (allocates: prefer iterating the object).
    public var keys: [String] { members.map(\.key) }

    /// The member values, in order (allocates: prefer iterating the object).
    public var values: [JSONValue] { members.map(\.value) }

    /// Appends a member without checking for a duplicate key. The caller guarantees uniqueness.
    package mutating func appendUnchecked(key: String, value: JSONValue) {
        members.append(Member(key: key, value: value))
    }

    /// Replaces the value at `position` (used by the parser for repeated keys).
    package mutating func replaceValueUnchecked(at position: Int, with value: JSONValue) {
        members[position].value = value
    }

    /// Reserves room for `count` members.
    public mutating func reserveCapacity(_ count: Int) {
        members.reserveCapacity(count)
    }

    /// The position of `key`, if present.
    @inline(__always)
    public func index(forKey key: String) -> Int? {
        // Comparing lengths first skips the full comparison for almost every other key.
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }

    /// Reads, replaces, adds (at the end) or removes (with `nil`) the member `key`.
    public subscript(key: String) -> JSONValue? {
        @inline(__always) get { index(forKey: key).map { members[$0].value } }
        set {
            if let i = index(forKey: key) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> (key: String, value: JSONValue) {
        (members[position].key, members[position].value)
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        if lhs.members == rhs.members { return true }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var combined = 0
        for member in members {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            combined ^= h.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}
