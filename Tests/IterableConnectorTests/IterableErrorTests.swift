import ConnectorKit
import ConnectorTesting
import IterableConnector
import Testing

@Suite struct IterableErrorTests {
    static let event: JSONValue = ["email": "ana@example.com", "eventName": "reviewRequested"]

    @Test func badParamsIsPermanentAndNamesIterablesCode() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(400, ["msg": "Invalid email: ana@", "code": "InvalidEmailAddressError", "params": .null]))
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(error?.kind == .permanent)
            #expect(error?.status == 400)
            #expect(error?.code == "http_400")
            #expect(error?.message == "POST /api/events/track: Iterable answered 400 InvalidEmailAddressError: Invalid email: ana@")
        }
    }

    @Test func aRefusedKeyIsAnAuthenticationErrorAndTheKeyIsRedacted() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(401, ["msg": .string("Invalid API key: \(Iterable.apiKey)"), "code": "BadApiKey", "params": .null]))
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(error?.kind == .authentication)
            #expect(error?.message == "POST /api/events/track: Iterable answered 401 BadApiKey: Invalid API key: <redacted>")
            #expect(error?.bodyExcerpt?.contains(Iterable.apiKey) == false)
        }
    }

    @Test func rateLimitingIsRetryableAfterTheServersDelay() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.json(429, ["msg": "Too many requests", "code": "RateLimitExceeded"], headers: ["Retry-After": "7"]))
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(error?.kind == .retryable)
            #expect(error?.retryAfter == .seconds(7))
            #expect(error?.message == "POST /api/events/track: Iterable answered 429 RateLimitExceeded: Too many requests")
        }
    }

    @Test func unavailableIsRetryable() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.unavailable)
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("list_channels", [:]) }
            #expect(error?.kind == .retryable)
            #expect(error?.code == "http_503")
            #expect(error?.message == "GET /api/channels: Iterable answered 503")
        }
    }

    @Test func aTimeoutAndAClosedConnectionAreRetryable() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.hang(for: .seconds(20)), .closeConnection)
            let timeout = await Iterable.failure { () async throws(ConnectorError) in
                try await kit.run("upsert_user", ["email": "ana@example.com"], timeout: .milliseconds(300))
            }
            #expect(timeout?.kind == .retryable)
            #expect(timeout?.code == "timeout")
            #expect(timeout?.message.hasPrefix("POST /api/users/update: ") == true)
            let closed = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("upsert_user", ["email": "ana@example.com"]) }
            #expect(closed?.kind == .retryable)
            #expect(closed?.code == "connection")
        }
    }

    @Test func aSuccessStatusWithAFailureCodeIsAnError() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(
                .json(200, ["msg": "Bad field", "code": "BadParams", "params": .null]),
                .json(200, ["msg": "Slow down", "code": "RateLimitExceeded"]),
                .json(200, ["msg": .string("Key \(Iterable.apiKey) disabled"), "code": "BadApiKey"])
            )
            let badParams = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(badParams?.kind == .permanent)
            #expect(badParams?.code == "iterable_error")
            #expect(badParams?.status == 200)
            #expect(badParams?.message == "POST /api/events/track: Iterable answered 200 with code BadParams: Bad field")
            let limited = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(limited?.kind == .retryable)
            let badKey = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("track_event", Self.event) }
            #expect(badKey?.kind == .authentication)
            #expect(badKey?.message == "POST /api/events/track: Iterable answered 200 with code BadApiKey: Key <redacted> disabled")
        }
    }

    @Test func aNonJSONErrorBodyStillGivesTheStatus() async throws {
        try await Iterable.withKit { kit in
            kit.server.enqueue(.status(409, body: "conflict"))
            let error = await Iterable.failure { () async throws(ConnectorError) in try await kit.run("create_list", ["name": "Reviewers"]) }
            #expect(error?.kind == .permanent)
            #expect(error?.message == "POST /api/lists: Iterable answered 409")
            #expect(error?.bodyExcerpt == "conflict")
        }
    }
}
