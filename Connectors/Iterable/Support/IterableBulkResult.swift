import ConnectorKit

/// The sum of several bulk answers: `successCount` and `failCount` added, every array member
/// (`invalidEmails`, `invalidUserIds`, `filteredOutFields`, ...) and every array inside
/// `failedUpdates` merged into distinct values in first-seen order.
struct IterableBulkResult: Sendable {
    /// Array members every result holds, empty when no answer had them.
    static let alwaysPresent = ["invalidEmails", "invalidUserIds"]

    private(set) var successCount: Int64 = 0
    private(set) var failCount: Int64 = 0
    private var lists = JSONObject()
    private var failedUpdates = JSONObject()

    /// Adds one batch's answer.
    mutating func add(_ answer: JSONValue) {
        successCount += Self.count(answer["successCount"])
        failCount += Self.count(answer["failCount"])
        for (key, value) in answer.objectValue ?? JSONObject() {
            if let values = value.arrayValue { Self.merge(values, into: &lists, key: key) }
        }
        for (key, value) in answer["failedUpdates"]?.objectValue ?? JSONObject() {
            if let values = value.arrayValue { Self.merge(values, into: &failedUpdates, key: key) }
        }
    }

    /// The output fields of an action answering with this result; `batched` adds `batchCount`.
    static func outputFields(batched: Bool) -> [FieldSchema] {
        var fields = [
            FieldSchema(name: "successCount", type: .integer, hint: "Users or events Iterable accepted."),
            FieldSchema(name: "failCount", type: .integer, hint: "Users or events Iterable refused."),
            FieldSchema(name: "failedUpdates", type: .object, hint: "Refused identities by reason (conflictEmails, notFoundUserIds, ...), each an array."),
            IterableFields.strings("invalidEmails", "Emails Iterable found invalid."),
            IterableFields.strings("invalidUserIds", "User ids Iterable found invalid."),
        ]
        if batched {
            fields.append(FieldSchema(name: "batchCount", type: .integer, hint: "The number of requests sent."))
        }
        return fields
    }

    /// The summed answer, with the number of requests sent as `batchCount` when given.
    func json(batchCount: Int?) -> JSONValue {
        var object = JSONObject()
        object["successCount"] = .integer(successCount)
        object["failCount"] = .integer(failCount)
        object["failedUpdates"] = .object(failedUpdates)
        for key in Self.alwaysPresent { object[key] = lists[key] ?? [] }
        for (key, value) in lists where object[key] == nil { object[key] = value }
        if let batchCount { object["batchCount"] = .integer(Int64(batchCount)) }
        return .object(object)
    }

    private static func count(_ value: JSONValue?) -> Int64 {
        switch value {
        case .integer(let number): number
        case .number(let number): Int64(exactly: number.doubleValue.rounded()) ?? 0
        default: 0
        }
    }

    private static func merge(_ values: [JSONValue], into object: inout JSONObject, key: String) {
        var merged = object[key]?.arrayValue ?? []
        var seen = Set(merged)
        for value in values where seen.insert(value).inserted { merged.append(value) }
        object[key] = .array(merged)
    }
}
