/// The bytes one render writes: a growable buffer owned by that render (not copyable, freed
/// with it), appended to without an array's uniqueness and bookkeeping checks.
struct TemplateOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether `base` was allocated here (else it is the caller's scratch).
    private var owned: Bool
    /// How many bytes have been written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        owned = true
    }

    /// Starts in `scratch` (e.g. stack memory), which must outlive this output; moves to the
    /// heap when it outgrows it.
    init(scratch: UnsafeMutableBufferPointer<UInt8>) {
        base = scratch.baseAddress!
        capacity = scratch.count
        owned = false
    }

    deinit {
        if owned { base.deallocate() }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        if capacity - count < length { grow(toAtLeast: count + length) }
        let target = UnsafeMutableRawPointer(base + count)
        if length >= 8 && length <= 16 {
            // Two overlapping words: cheaper than a call for the short texts templates are made of.
            let first = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let last = UnsafeRawPointer(source + length - 8).loadUnaligned(as: UInt64.self)
            target.storeBytes(of: first, as: UInt64.self)
            (target + length - 8).storeBytes(of: last, as: UInt64.self)
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
        count += length
    }

    /// Appends `bytes`.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        append(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends the UTF-8 of `text`.
    @inline(__always)
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) != nil { return }
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Calls `body` with the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, as an array.
    var array: [UInt8] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// Percent-encodes the bytes from `start` on in place (the `urlEncode` block): each byte
    /// that is not unreserved grows by two, so the range is rewritten from its end backwards.
    mutating func percentEncode(from start: Int) {
        var expanding = 0
        var first = count
        for index in start..<count where !TemplateEscaping.isUnreserved(base[index]) {
            if expanding == 0 { first = index }
            expanding += 1
        }
        guard expanding > 0 else { return }
        let end = count
        if capacity - count < 2 * expanding { grow(toAtLeast: count + 2 * expanding) }
        count += 2 * expanding
        // Bytes before the first one to encode stay where they are.
        var write = count
        var read = end
        while read > first {
            read -= 1
            let byte = base[read]
            if TemplateEscaping.isUnreserved(byte) {
                write -= 1
                base[write] = byte
            } else {
                write -= 3
                base[write] = UInt8(ascii: "%")
                base[write + 1] = TemplateEscaping.hexDigit(byte >> 4)
                base[write + 2] = TemplateEscaping.hexDigit(byte & 0x0F)
            }
        }
    }

    /// Rewrites the bytes from `start` on with an array-based body filter (see
    /// ``TemplateHelper/init(arguments:bodyFilter:_:)``), which sees those bytes from offset 0.
    mutating func filter(from start: Int, _ filter: (inout [UInt8], Int) -> Void) {
        var tail = Array(UnsafeBufferPointer(start: base + start, count: count - start))
        filter(&tail, 0)
        count = start
        tail.withUnsafeBufferPointer { append($0) }
    }

    @inline(never)
    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if owned { base.deallocate() }
        owned = true
        base = newBase
        capacity = newCapacity
    }
}
