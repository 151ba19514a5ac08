import ConnectorKit

/// `bulk_upsert_users`: creates or updates many users (`POST /api/users/bulkUpdate`), split
/// into requests of at most ``maxUsersPerRequest`` users and ``maxBodyBytes`` bytes
/// (by default; see ``init(limits:)``).
public struct BulkUpsertUsers: Action {
    /// Users per request. Iterable documents only the body limit; 1,000 is a conservative
    /// count (unconfirmed upstream), well below what fits in 4 MB for typical profiles.
    public static let maxUsersPerRequest = 1000
    /// Iterable's documented limit on the request body: 4 MB (taken as 4,000,000 bytes, so
    /// either reading of "MB" is respected).
    public static let maxBodyBytes = 4_000_000

    public let id = "bulk_upsert_users"
    public let summary = "Creates or updates many users, in batches (by default up to 1,000 users or 4 MB); the answers are summed."
    public var inputFields: [FieldSchema] {
        [FieldSchema(name: "users", type: .array, hint: "The users, each as upsert_user takes them (email or userId, not both).",
                     of: FieldSchema(name: "", type: .object, properties: UpsertUser.userFields))]
    }
    public var outputFields: [FieldSchema] { IterableBulkResult.outputFields(batched: true) }
    public var batching: Batching? { limits }
    /// The limits requests are split by.
    public let limits: Batching

    /// The action with Iterable's limits, or others (a project with different limits, tests).
    public init(limits: Batching = Batching(maxItems: maxUsersPerRequest, maxBodyBytes: maxBodyBytes)) {
        self.limits = limits
    }

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let users = input["users"]?.arrayValue ?? []
        var items: [JSONValue] = []
        items.reserveCapacity(users.count)
        for (index, user) in users.enumerated() {
            try IterableUserIdentity.user.check(user, at: "/users/\(index)", action: id)
            items.append(IterableFields.body(user, UpsertUser.userFields))
        }
        let request = IterableBulkRequest(action: id, path: "api/users/bulkUpdate", itemsKey: "users", batching: limits)
        return try await request.send(items, context: context)
    }
}
