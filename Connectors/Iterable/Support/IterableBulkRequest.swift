import ConnectorKit

/// A bulk endpoint (`/api/users/bulkUpdate`, `/api/events/trackBulk`): the items are split by
/// ``batching`` and sent one request per batch, in order; the answers are summed
/// (``IterableBulkResult``).
struct IterableBulkRequest: Sendable {
    /// The action's id, for messages.
    let action: String
    /// The endpoint, relative to the base URL.
    let path: String
    /// The body member holding the items (`users`, `events`).
    let itemsKey: String
    let batching: Batching

    /// Sends `items` and returns the summed answer plus `batchCount`. No items: no request.
    /// - Throws: `invalid_input` when one item alone exceeds the byte limit (before any request);
    ///   otherwise the first failing batch's error, its message saying which batch failed and
    ///   how many were accepted before it (the kind unchanged, so a retry resends them all:
    ///   both endpoints are upserts keyed by the user or the event id).
    func send(_ items: [JSONValue], context: ActionContext) async throws(ConnectorError) -> JSONValue {
        let envelope = JSONValue.object(JSONObject([(itemsKey, .array([]))])).serialized().utf8.count
        let batches: [[JSONValue]]
        do {
            batches = try batching.batches(items, envelopeBytes: envelope)
        } catch {
            throw .invalidInput("\(action): /\(itemsKey): \(error.message); make that item smaller (fewer or shorter dataFields)")
        }
        var result = IterableBulkResult()
        var first = 0
        for (index, batch) in batches.enumerated() {
            do {
                result.add(try await IterableAPI.call(context, .post, path, body: .object(JSONObject([(itemsKey, .array(batch))]))))
            } catch {
                var error = error
                error.message = "\(action): batch \(index + 1) of \(batches.count) (\(itemsKey) \(first)–\(first + batch.count - 1)) failed"
                    + (index == 0 ? "" : ", \(index) accepted before it") + ": \(error.message)"
                throw error
            }
            first += batch.count
        }
        return result.json(batchCount: batches.count)
    }
}
