/// The members of the objects seen at one path.
struct ObjectSummary: Sendable, Hashable {
    /// One member: its values, whether some object lacked it, and its earliest position.
    struct Member: Sendable, Hashable {
        var value: ValueSummary
        /// At least one object at this path lacked the member.
        var absentSomewhere: Bool
        /// The smallest index the member had in any object (documents' own order; the
        /// output orders members by it, then by name, whatever the sample order).
        var minPosition: Int
    }

    /// Members by name.
    var members: [String: Member] = [:]
    /// An object with no members was seen.
    var sawEmpty = false

    init() {}
}
