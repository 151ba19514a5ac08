#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The members of the objects seen at one path.
///
/// Members live in an array in first-seen order (an implementation detail: equality and the
/// output ignore it) with a name index. Each member remembers which member followed it last
/// time, so the summarising parser usually finds a member with one byte comparison instead of
/// a hash lookup (webhook senders write members in a stable order).
struct ObjectSummary: Sendable {
    /// One member: its values, whether some object lacked it, and its earliest position.
    struct Member: Sendable {
        let key: String
        /// The key's UTF-8 bytes, for comparison against raw input.
        let keyBytes: [UInt8]
        /// The key's length and its first 16 bytes (zero-padded, little-endian words): most keys
        /// compare against raw input with two loads.
        let keyLength: Int
        let keyWord0: UInt64
        let keyWord1: UInt64
        var value: ValueSummary
        /// At least one object at this path lacked the member.
        var absentSomewhere: Bool
        /// The smallest index the member had in any object (documents' own order; the
        /// output orders members by it, then by name, whatever the sample order).
        var minPosition: Int
        /// Prediction only: the member that followed this one in the last object (-1: none).
        var next: Int32 = -1
        /// Bookkeeping only: the object (epoch) in which the member was last seen.
        var lastSeen: UInt32 = 0

        init(key: String, value: ValueSummary, absentSomewhere: Bool, minPosition: Int) {
            self.key = key
            let bytes = Array(key.utf8)
            self.keyBytes = bytes
            self.keyLength = bytes.count
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                for (index, byte) in bytes.prefix(16).enumerated() { raw[index] = byte }
            }
            self.keyWord0 = UInt64(littleEndian: words.0)
            self.keyWord1 = UInt64(littleEndian: words.1)
            self.value = value
            self.absentSomewhere = absentSomewhere
            self.minPosition = minPosition
        }
    }

    private(set) var members: [Member] = []
    private(set) var index: [String: Int] = [:]
    /// An object with no members was seen.
    var sawEmpty = false
    /// Prediction only: the member that came first in the last object (-1: none).
    var first: Int32 = -1
    /// Bookkeeping only: counts absorbed objects, to stamp members seen in the current one.
    var epoch: UInt32 = 0

    init() {}

    var count: Int { members.count }

    /// The position of the member named `key`.
    func position(of key: String) -> Int? { index[key] }

    /// Adds a member and returns its position.
    mutating func append(_ member: Member) -> Int {
        index[member.key] = members.count
        members.append(member)
        return members.count - 1
    }

    /// Gives in-place access to the member at `position`.
    subscript(position: Int) -> Member {
        // Borrowed reads: `object[i].lastSeen` must not copy the whole member.
        _read { yield members[position] }
        _modify { yield &members[position] }
    }

    /// Whether the member at `position` is named by the `length` bytes at `bytes`.
    /// `readable` is how many bytes may be read from `bytes` (at least `length`).
    @inline(__always)
    func keyMatches(_ position: Int, _ bytes: UnsafeRawPointer, length: Int, readable: Int) -> Bool {
        guard members[position].keyLength == length else { return false }
        if length <= 16, readable >= 16 {
            let mask0: UInt64 = length >= 8 ? .max : (1 << UInt64(8 * length)) - 1
            let mask1: UInt64 = length >= 16 ? .max : length <= 8 ? 0 : (1 << UInt64(8 * (length - 8))) - 1
            let word0 = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)) & mask0
            let word1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & mask1
            return word0 == members[position].keyWord0 && word1 == members[position].keyWord1
        }
        return members[position].keyBytes.withUnsafeBytes { key in
            length == 0 || memcmp(key.baseAddress!, bytes, length) == 0
        }
    }

    /// Marks every member not seen in the current epoch as absent.
    mutating func markUnseenAbsent() {
        for position in members.indices where members[position].lastSeen != epoch && !members[position].absentSomewhere {
            members[position].absentSomewhere = true
        }
    }
}

extension ObjectSummary: Hashable {
    /// Equal when the same members have equal summaries; order and bookkeeping are ignored.
    static func == (lhs: ObjectSummary, rhs: ObjectSummary) -> Bool {
        guard lhs.sawEmpty == rhs.sawEmpty, lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let position = rhs.index[member.key] else { return false }
            let other = rhs.members[position]
            guard member.absentSomewhere == other.absentSomewhere, member.minPosition == other.minPosition,
                  member.value == other.value
            else { return false }
        }
        return true
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(sawEmpty)
        hasher.combine(members.count)
        var combined = 0
        for member in members {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            h.combine(member.absentSomewhere)
            h.combine(member.minPosition)
            combined ^= h.finalize()
        }
        hasher.combine(combined)
    }
}
