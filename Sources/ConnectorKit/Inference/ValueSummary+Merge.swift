extension ValueSummary {
    /// Merges `other` into this summary: the result summarises the union of both sample sets.
    /// Associative, commutative and idempotent.
    mutating func merge(_ other: ValueSummary) {
        let hadStrings = kinds.contains(.string)
        if other.kinds.contains(.string) {
            formatsOfAll = hadStrings ? formatsOfAll.intersection(other.formatsOfAll) : other.formatsOfAll
        }
        formatsOfSome.formUnion(other.formatsOfSome)
        kinds.formUnion(other.kinds)
        sawEmptyString = sawEmptyString || other.sawEmptyString
        sawLongString = sawLongString || other.sawLongString
        sawEmptyArray = sawEmptyArray || other.sawEmptyArray
        stringValues = Self.union(stringValues, other.stringValues)
        samples = Self.union(samples, other.samples)
        switch (object, other.object) {
        case (_, nil): break
        case (nil, let theirs?): object = theirs
        case (.some, let theirs?): object!.merge(theirs)
        }
        if let theirs = other.itemStorage.first {
            if itemStorage.isEmpty { itemStorage = [theirs] } else { itemStorage[0].merge(theirs) }
        }
    }

    private static func union<T>(_ a: BottomK<T>?, _ b: BottomK<T>?) -> BottomK<T>? {
        guard var a else { return b }
        if let b { a.formUnion(b) }
        return a
    }
}

extension ObjectSummary {
    /// Merges the members of `other`, where both sides saw at least one object.
    /// A member missing from one side was absent from every object of that side.
    mutating func merge(_ other: ObjectSummary) {
        sawEmpty = sawEmpty || other.sawEmpty
        for theirs in other.members {
            if let mine = position(of: theirs.key) {
                self[mine].value.merge(theirs.value)
                self[mine].absentSomewhere = self[mine].absentSomewhere || theirs.absentSomewhere
                self[mine].minPosition = min(self[mine].minPosition, theirs.minPosition)
            } else {
                _ = append(Member(key: theirs.key, value: theirs.value, absentSomewhere: true, minPosition: theirs.minPosition))
            }
        }
        for position in members.indices where other.position(of: members[position].key) == nil {
            self[position].absentSomewhere = true
        }
    }
}
