/// The `capacity` smallest distinct elements seen: a bounded set whose merge (union, then keep
/// the smallest) is associative, commutative and idempotent.
///
/// `count == capacity` means "at least `capacity` distinct elements were seen".
struct BottomK<Element: Comparable & Sendable & Hashable>: Sendable, Hashable {
    private(set) var elements: [Element] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { elements.count }
    var isFull: Bool { elements.count >= capacity }

    /// Adds `element` if it is among the `capacity` smallest seen so far.
    mutating func insert(_ element: Element) {
        if isFull, let last = elements.last, element >= last { return }
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[mid] < element { low = mid + 1 } else { high = mid }
        }
        if low < elements.count, elements[low] == element { return }
        elements.insert(element, at: low)
        if elements.count > capacity { elements.removeLast() }
    }

    /// Adds every element of `other`.
    mutating func formUnion(_ other: BottomK) {
        for element in other.elements { insert(element) }
    }
}
