extension ValueSummary {
    /// Adds one value of the sample with fingerprint `sample` to this summary.
    ///
    /// Equivalent to merging with the summary of that value alone, but without building it.
    mutating func absorb(_ value: JSONValue, sample: UInt64, tracking: SummaryTracking) {
        if tracking.enums {
            if samples == nil { samples = BottomK(capacity: tracking.sampleSketchSize) }
            samples!.insert(sample)
        }
        switch value {
        case .null:
            kinds.insert(.null)
        case .bool:
            kinds.insert(.boolean)
        case .integer:
            kinds.insert(.integer)
        case .number(let number):
            kinds.insert(number.isIntegral ? .integer : .number)
        case .string(let string):
            absorbString(string, tracking: tracking)
        case .array(let elements):
            kinds.insert(.array)
            if elements.isEmpty {
                sawEmptyArray = true
                return
            }
            if itemStorage.isEmpty { itemStorage.append(ValueSummary()) }
            for element in elements {
                itemStorage[0].absorb(element, sample: sample, tracking: tracking)
            }
        case .object(let members):
            let isFirstObject = !kinds.contains(.object)
            kinds.insert(.object)
            if object == nil { object = ObjectSummary() }
            object!.absorb(members, isFirstObject: isFirstObject, sample: sample, tracking: tracking)
        }
    }

    private mutating func absorbString(_ string: String, tracking: SummaryTracking) {
        var string = string
        string.withUTF8 { absorbString(UnsafeRawBufferPointer($0), tracking: tracking) }
    }

    /// Records one string, given as its UTF-8 bytes: its formats and (with enums) its value.
    /// The one place both the tree path and the summarising parser record strings.
    @inline(__always)
    mutating func absorbString(_ utf8: UnsafeRawBufferPointer, tracking: SummaryTracking) {
        let isFirstString = !kinds.contains(.string)
        kinds.insert(.string)
        if utf8.isEmpty {
            sawEmptyString = true
            formatsOfAll = []
        } else if isFirstString {
            formatsOfAll = FormatClassifier.classify(utf8)
            if tracking.partialFormats { formatsOfSome = formatsOfAll }
        } else if tracking.partialFormats {
            let formats = FormatClassifier.classify(utf8)
            formatsOfAll.formIntersection(formats)
            formatsOfSome.formUnion(formats)
        } else if !formatsOfAll.isEmpty {
            formatsOfAll.formIntersection(FormatClassifier.classify(utf8))
        }
        if tracking.enums {
            if stringValues == nil { stringValues = BottomK(capacity: tracking.maxEnumValues + 1) }
            // A long value can never be an enum member.
            if utf8.count > SummaryTracking.maxEnumValueLength {
                sawLongString = true
            } else {
                stringValues!.insert(String(decoding: utf8, as: UTF8.self))
            }
        }
    }
}

extension ObjectSummary {
    /// Adds one object's members. `isFirstObject` says no object was seen at this path before,
    /// so members new to the summary were not absent from earlier objects.
    mutating func absorb(_ object: JSONObject, isFirstObject: Bool, sample: UInt64, tracking: SummaryTracking) {
        if object.isEmpty { sawEmpty = true }
        epoch &+= 1
        let knownBefore = count
        var matched = 0
        for position in 0..<object.count {
            let key = object.members[position].key
            let value = object.members[position].value
            if let existing = self.position(of: key) {
                matched += 1
                self[existing].value.absorb(value, sample: sample, tracking: tracking)
                self[existing].lastSeen = epoch
                if position < self[existing].minPosition { self[existing].minPosition = position }
            } else {
                var summary = ValueSummary()
                summary.absorb(value, sample: sample, tracking: tracking)
                var member = Member(key: key, value: summary, absentSomewhere: !isFirstObject, minPosition: position)
                member.lastSeen = epoch
                _ = append(member)
            }
        }
        if matched < knownBefore { markUnseenAbsent() }
    }
}
