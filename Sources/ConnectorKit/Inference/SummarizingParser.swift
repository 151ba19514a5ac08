#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses one JSON sample and absorbs it into a summary in the same pass, without building a
/// ``JSONValue`` tree: the hot path of `hookline schema infer`.
///
/// It checks the full JSON grammar, UTF-8 and the depth limit, exactly as ``JSONParser`` does;
/// on any problem it stops, and the caller asks ``JSONParser`` for the precise message.
/// Members are found by predicting the member that followed the previous one last time and
/// comparing bytes, with a name index as the fallback. One difference from the tree path: a
/// member repeated within one object contributes every one of its values (the schema is then
/// a little more permissive, never less).
struct SummarizingParser {
    /// Thrown on any input problem; the caller re-parses for the message.
    struct Failure: Error {}

    private let bytes: UnsafeRawBufferPointer
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private var index: Int
    private var depth = 0
    private let maxDepth: Int
    private let rejectDuplicates: Bool
    private let tracking: SummaryTracking
    private let sample: UInt64

    init(bytes: UnsafeRawBufferPointer, options: JSONParseOptions, tracking: SummaryTracking, sample: UInt64) {
        self.bytes = bytes
        self.base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        self.end = bytes.count
        self.index = 0
        self.maxDepth = options.maxDepth
        self.rejectDuplicates = options.duplicateKeys == .reject
        self.tracking = tracking
        self.sample = sample
    }

    /// Absorbs the document, which must be an object, into `summary`.
    mutating func absorbDocument(into summary: inout ValueSummary) throws(Failure) {
        skipWhitespace()
        guard index < end, base[index] == UInt8(ascii: "{") else { throw Failure() }
        try absorbValue(into: &summary)
        skipWhitespace()
        guard index == end else { throw Failure() }
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < end {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    private mutating func absorbValue(into summary: inout ValueSummary) throws(Failure) {
        guard index < end else { throw Failure() }
        if tracking.enums {
            if summary.samples == nil { summary.samples = BottomK(capacity: tracking.sampleSketchSize) }
            summary.samples!.insert(sample)
        }
        switch base[index] {
        case UInt8(ascii: "\""):
            try absorbString(into: &summary)
        case UInt8(ascii: "{"):
            try absorbObject(into: &summary)
        case UInt8(ascii: "["):
            try absorbArray(into: &summary)
        case UInt8(ascii: "t"):
            try expectLiteral(0x74, 0x72, 0x75, 0x65, length: 4)
            summary.kinds.insert(.boolean)
        case UInt8(ascii: "f"):
            try expectLiteral(0x66, 0x61, 0x6C, 0x73, length: 5)
            guard base[index - 1] == UInt8(ascii: "e") else { throw Failure() }
            summary.kinds.insert(.boolean)
        case UInt8(ascii: "n"):
            try expectLiteral(0x6E, 0x75, 0x6C, 0x6C, length: 4)
            summary.kinds.insert(.null)
        default:
            summary.kinds.insert(try scanNumber() ? .integer : .number)
        }
    }

    /// Checks the first four bytes of a literal and skips `length` bytes.
    @inline(__always)
    private mutating func expectLiteral(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, length: Int) throws(Failure) {
        guard index + length <= end, base[index] == a, base[index + 1] == b, base[index + 2] == c, base[index + 3] == d else {
            throw Failure()
        }
        index += length
    }

    /// Scans a number; returns whether it is an integer literal.
    private mutating func scanNumber() throws(Failure) -> Bool {
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, base[index] &- 0x30 < 10 else { throw Failure() }
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < end, base[index] &- 0x30 < 10 { throw Failure() }
        } else {
            while index < end, base[index] &- 0x30 < 10 { index += 1 }
        }
        var integral = true
        if index < end, base[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < end, base[index] &- 0x30 < 10 else { throw Failure() }
            while index < end, base[index] &- 0x30 < 10 { index += 1 }
        }
        if index < end, base[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < end, base[index] &- 0x30 < 10 else { throw Failure() }
            while index < end, base[index] &- 0x30 < 10 { index += 1 }
        }
        return integral
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > maxDepth { throw Failure() }
    }

    private mutating func absorbArray(into summary: inout ValueSummary) throws(Failure) {
        try enter()
        summary.kinds.insert(.array)
        index += 1
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "]") {
            index += 1
            summary.sawEmptyArray = true
            depth -= 1
            return
        }
        if summary.itemStorage.isEmpty { summary.itemStorage.append(ValueSummary()) }
        while true {
            skipWhitespace()
            try absorbValue(into: &summary.itemStorage[0])
            skipWhitespace()
            guard index < end else { throw Failure() }
            let byte = base[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            guard byte == UInt8(ascii: "]") else { throw Failure() }
            depth -= 1
            return
        }
    }

    private mutating func absorbObject(into summary: inout ValueSummary) throws(Failure) {
        try enter()
        let isFirstObject = !summary.kinds.contains(.object)
        summary.kinds.insert(.object)
        if summary.object == nil { summary.object = ObjectSummary() }
        index += 1
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "}") {
            index += 1
            summary.object!.sawEmpty = true
            summary.object!.epoch &+= 1
            if summary.object!.count > 0 { summary.object!.markUnseenAbsent() }
            depth -= 1
            return
        }
        try absorbMembers(into: &summary.object!, isFirstObject: isFirstObject)
        depth -= 1
    }

    private mutating func absorbMembers(into object: inout ObjectSummary, isFirstObject: Bool) throws(Failure) {
        object.epoch &+= 1
        let epoch = object.epoch
        let knownBefore = object.count
        var matched = 0
        var previous: Int32 = -1
        var position = 0
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else { throw Failure() }
            let member = try memberPosition(in: &object, after: previous, isFirstObject: isFirstObject, position: position)
            if object[member].lastSeen == epoch {
                if rejectDuplicates { throw Failure() }
            } else if member < knownBefore {
                matched += 1
            }
            object[member].lastSeen = epoch
            if position < object[member].minPosition { object[member].minPosition = position }
            if previous < 0 { object.first = Int32(member) } else { object[Int(previous)].next = Int32(member) }
            previous = Int32(member)
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else { throw Failure() }
            index += 1
            skipWhitespace()
            try absorbValue(into: &object[member].value)
            position += 1
            skipWhitespace()
            guard index < end else { throw Failure() }
            let byte = base[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            guard byte == UInt8(ascii: "}") else { throw Failure() }
            break
        }
        if matched < knownBefore { object.markUnseenAbsent() }
    }

    /// Reads a member name (the cursor is on its quote) and finds or adds its member.
    private mutating func memberPosition(in object: inout ObjectSummary, after previous: Int32, isFirstObject: Bool, position: Int) throws(Failure) -> Int {
        let start = index + 1
        let (close, plain) = scanString(from: start)
        if plain {
            index = close + 1
            let length = close - start
            let predicted = Int(previous < 0 ? object.first : object[Int(previous)].next)
            if predicted >= 0, predicted < object.count,
               object.keyMatches(predicted, UnsafeRawPointer(base + start), length: length, readable: end - start)
            {
                return predicted
            }
            let key = String(decoding: UnsafeRawBufferPointer(start: base + start, count: length), as: UTF8.self)
            return existingOrNew(key, in: &object, isFirstObject: isFirstObject, position: position)
        }
        let key = try decodeString()
        return existingOrNew(key, in: &object, isFirstObject: isFirstObject, position: position)
    }

    private func existingOrNew(_ key: String, in object: inout ObjectSummary, isFirstObject: Bool, position: Int) -> Int {
        if let existing = object.position(of: key) { return existing }
        var member = ObjectSummary.Member(key: key, value: ValueSummary(), absentSomewhere: !isFirstObject, minPosition: position)
        member.lastSeen = 0
        return object.append(member)
    }

    private mutating func absorbString(into summary: inout ValueSummary) throws(Failure) {
        let start = index + 1
        let (close, plain) = scanString(from: start)
        if plain {
            index = close + 1
            summary.absorbString(UnsafeRawBufferPointer(start: base + start, count: close - start), tracking: tracking)
            return
        }
        var text = try decodeString()
        text.withUTF8 { summary.absorbString(UnsafeRawBufferPointer($0), tracking: tracking) }
    }

    /// Decodes the string at the cursor with the tree parser's reader (escapes, non-ASCII, UTF-8 checks).
    private mutating func decodeString() throws(Failure) -> String {
        var reader = JSONReader(bytes: bytes, options: JSONParseOptions())
        reader.index = index
        guard let text = try? reader.readString() else { throw Failure() }
        index = reader.index
        return text
    }

    /// Finds the closing quote of a string whose content starts at `start`. `plain` is true when
    /// the content is printable ASCII without escapes (its bytes are its UTF-8); otherwise the
    /// returned offset is meaningless and the string must be decoded.
    @inline(__always)
    private func scanString(from start: Int) -> (close: Int, plain: Bool) {
        var cursor = start
        let raw = UnsafeRawPointer(base)
        // Eight bytes at a time: stop at a word holding '"', '\', a control byte or a non-ASCII byte.
        while cursor + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: cursor, as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222
            let slash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            let special = ((quote &- 0x0101_0101_0101_0101) & ~quote)
                | ((slash &- 0x0101_0101_0101_0101) & ~slash)
                | (word &- 0x2020_2020_2020_2020)
                | word
            if special & 0x8080_8080_8080_8080 != 0 { break }
            cursor += 8
        }
        while cursor < end {
            let byte = base[cursor]
            if byte == UInt8(ascii: "\"") { return (cursor, true) }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return (cursor, false) }
            cursor += 1
        }
        return (cursor, false)
    }
}
