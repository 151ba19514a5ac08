@testable import ConnectorKit

/// A deterministic generator of webhook-like samples with overlapping keys, so summaries
/// meet optional, nullable, mixed and nested members.
struct RandomSamples: RandomNumberGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ bound: Int) -> Int { random.int(bound) }

    private static let keys = ["email", "workflowId", "createdAt", "items", "sku", "price", "tags", "id", "note", "profile", "1234", "5678"]
    private static let strings = ["", "a@example.com", "https://example.com/x", "2026-01-02", "2026-01-02T03:04:05Z",
                                  "+14155550100", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "red", "blue", "Chloé"]

    mutating func value(depth: Int) -> JSONValue {
        switch int(depth > 2 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(int(2) == 0)
        case 2: return .integer(Int64(int(2000)) - 1000)
        case 3: return .number(JSONNumber(Double(int(1000)) / 8 + 0.5)!)
        case 4, 5: return .string(Self.strings[int(Self.strings.count)])
        case 6: return .array((0..<int(4)).map { _ in value(depth: depth + 1) })
        default: return object(depth: depth + 1)
        }
    }

    mutating func object(depth: Int) -> JSONValue {
        var object = JSONObject()
        for _ in 0..<int(6) {
            object[Self.keys[int(Self.keys.count)]] = value(depth: depth)
        }
        return .object(object)
    }

    mutating func samples(_ count: Int) -> [JSONValue] {
        (0..<count).map { _ in object(depth: 0) }
    }
}

extension ValueSummary {
    /// The summary of `samples`, absorbed in order.
    static func of(_ samples: some Sequence<JSONValue>, tracking: SummaryTracking = .testing) -> ValueSummary {
        var summary = ValueSummary()
        for sample in samples {
            summary.absorb(sample, sample: UInt64(truncatingIfNeeded: sample.hashValue), tracking: tracking)
        }
        return summary
    }

    func merged(_ other: ValueSummary) -> ValueSummary {
        var copy = self
        copy.merge(other)
        return copy
    }
}

extension SummaryTracking {
    static let testing = SummaryTracking(enums: true, maxEnumValues: 4, sampleSketchSize: 10, partialFormats: true)
}
