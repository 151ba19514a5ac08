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
            self.keyBytes = Array(key.utf8)
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
        get { members[position] }
        _modify { yield &members[position] }
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
