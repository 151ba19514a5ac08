/// How a bulk action splits a list of items into requests: at most ``maxItems`` items and
/// ``maxBodyBytes`` bytes of serialised items per request.
public struct Batching: Sendable, Hashable {
    public var maxItems: Int
    public var maxBodyBytes: Int

    public init(maxItems: Int, maxBodyBytes: Int) {
        precondition(maxItems > 0 && maxBodyBytes > 0, "batch limits are positive")
        self.maxItems = maxItems
        self.maxBodyBytes = maxBodyBytes
    }

    /// `items` in order, in batches within the limits. `envelopeBytes` is what the request body
    /// adds around the items (keys, brackets). An item larger than the byte limit on its own is
    /// an error naming its position.
    public func batches(_ items: [JSONValue], envelopeBytes: Int = 64) throws(ConnectorError) -> [[JSONValue]] {
        var batches: [[JSONValue]] = []
        var current: [JSONValue] = []
        var bytes = envelopeBytes
        for (index, item) in items.enumerated() {
            let size = item.serialized().utf8.count + 1
            guard envelopeBytes + size <= maxBodyBytes else {
                throw .invalidInput("item \(index) alone is \(size) bytes, over the \(maxBodyBytes)-byte request limit")
            }
            if !current.isEmpty, current.count == maxItems || bytes + size > maxBodyBytes {
                batches.append(current)
                current = []
                bytes = envelopeBytes
            }
            current.append(item)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
