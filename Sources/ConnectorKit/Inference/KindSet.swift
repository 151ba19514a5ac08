/// The JSON kinds seen at one path. Set union is the merge.
struct KindSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = KindSet(rawValue: 1 << 0)
    static let boolean = KindSet(rawValue: 1 << 1)
    static let integer = KindSet(rawValue: 1 << 2)
    static let number = KindSet(rawValue: 1 << 3)
    static let string = KindSet(rawValue: 1 << 4)
    static let object = KindSet(rawValue: 1 << 5)
    static let array = KindSet(rawValue: 1 << 6)

    /// The kind names, in a fixed order, for explanations.
    var names: [String] {
        let all: [(KindSet, String)] = [
            (.null, "null"), (.boolean, "boolean"), (.integer, "integer"), (.number, "number"),
            (.string, "string"), (.object, "object"), (.array, "array"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}
