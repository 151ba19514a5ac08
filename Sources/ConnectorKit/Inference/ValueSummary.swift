/// Everything inference keeps about the values seen at one path: a summary with set semantics.
///
/// A summary is a function of the *set* of samples absorbed, never of their order or number,
/// so ``merge(_:)`` is associative, commutative and idempotent. That is what lets inference
/// run in parallel chunks and still give byte-identical output for any chunking or file order.
/// Counts are therefore absent by design; "seen in at least n samples" comes from a bottom-k
/// sketch of sample fingerprints.
struct ValueSummary: Sendable, Hashable {
    /// The kinds seen (an integral number literal beyond Int64 counts as integer).
    var kinds: KindSet = []
    /// Formats that every string value matched (meaningful only when `kinds` has `.string`).
    var formatsOfAll: FormatSet = []
    /// Formats that at least one string value matched (tracked only for explanations).
    var formatsOfSome: FormatSet = []
    /// The empty string was seen.
    var sawEmptyString = false
    /// A string too long to be an enum value was seen (enums enabled only).
    var sawLongString = false
    /// The smallest distinct string values (for enum detection), when enums are enabled.
    var stringValues: BottomK<String>?
    /// Fingerprints of the samples this path appeared in (bottom-k), when enums are enabled.
    var samples: BottomK<UInt64>?
    /// Objects seen here.
    var object: ObjectSummary?
    /// An empty array was seen.
    var sawEmptyArray = false
    /// The items of the arrays seen here (zero or one element: the array gives indirection).
    var itemStorage: [ValueSummary] = []

    init() {}

    /// The array item summary, if any array element was seen.
    var items: ValueSummary? { itemStorage.first }
}
