import ConnectorKit
import Foundation
@testable import HooklineRuntime
import Logging
import NIOConcurrencyHelpers
import PostgresNIO
import Testing

/// What only a shared store must do: several processes (here: store instances, each with its own
/// connections) on one database.
@Suite(.enabled(if: PostgresTestServer.enabled, "set HOOKLINE_TEST_POSTGRES_URL (source .ci/postgres.sh)"))
struct PostgresRunStoreTests {
    /// Runs `body` with `count` stores on one fresh database, like `count` runner processes.
    func withStores<T>(_ count: Int, _ body: ([PostgresRunStore]) async throws -> T) async throws -> T {
        try await PostgresTestServer.withDatabase { url in
            var stores: [PostgresRunStore] = []
            for _ in 0..<count { stores.append(try await PostgresRunStore.open(try PostgresLocation(url: url))) }
            do {
                let result = try await body(stores)
                for store in stores { await store.close() }
                return result
            } catch {
                for store in stores { await store.close() }
                throw error
            }
        }
    }

    @Test func twoInstancesLeasingConcurrentlyNeverGetTheSameRun() async throws {
        try await withStores(2) { stores in
            _ = try await stores[0].ingest((0..<300).map { NewRun(flow: "f", webhookID: "w\($0)", event: ["i": .integer(Int64($0))]) }, now: 1)
            let now = WallClock.now
            let leased = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<8 {
                    let store = stores[worker % 2]
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let batch = try await store.lease(owner: "w\(worker)", limit: 7, now: now, until: now + 60)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            let all = leased.flatMap { $0 }
            #expect(all.count == 300, "every run leased exactly once")
            #expect(Set(all).count == 300, "no run leased twice")
            #expect(leased.filter { !$0.isEmpty }.count > 1, "the work was shared")
        }
    }

    @Test func anotherInstanceTakesOverAnExpiredLease() async throws {
        try await withStores(2) { stores in
            let (dying, survivor) = (stores[0], stores[1])
            let id = try await dying.ingest([NewRun(flow: "f", webhookID: "w", event: ["x": 1])], now: 1)[0].runID
            let now = WallClock.now
            #expect(try await dying.lease(owner: "dying", limit: 5, now: now, until: now + 30).map(\.id) == [id])
            #expect(try await survivor.lease(owner: "survivor", limit: 5, now: now + 29, until: now + 90).isEmpty, "lease still valid")
            var taken = try #require(try await survivor.lease(owner: "survivor", limit: 5, now: now + 31, until: now + 90).first)
            #expect(taken.id == id && taken.leaseOwner == "survivor")
            var late = taken
            late.status = .succeeded
            #expect(try await dying.update(late, owner: "dying", now: now + 32) == false, "the old owner cannot save")
            #expect(try await dying.release(owner: "dying", now: now + 32) == 0)
            taken.status = .succeeded
            #expect(try await survivor.update(taken, owner: "survivor", now: now + 33))
            #expect(try await dying.run(id)?.status == .succeeded)
        }
    }

    @Test func concurrentDuplicateIngestFromTwoInstancesStoresOneRun() async throws {
        try await withStores(2) { stores in
            let results = try await withThrowingTaskGroup(of: (String, IngestResult).self) { group in
                for index in 0..<100 {
                    for store in stores {
                        group.addTask {
                            ("w\(index)", try await store.ingest([NewRun(flow: "f", webhookID: "w\(index)", event: ["i": .integer(Int64(index))])], now: 1)[0])
                        }
                    }
                }
                return try await group.reduce(into: [String: [IngestResult]]()) { $0[$1.0, default: []].append($1.1) }
            }
            #expect(results.count == 100)
            for (webhookID, pair) in results {
                #expect(pair.count == 2)
                #expect(Set(pair.map(\.runID)).count == 1, "\(webhookID): both deliveries name the same run")
                #expect(pair.filter { if case .accepted = $0 { true } else { false } }.count == 1, "\(webhookID): accepted once")
            }
            #expect(try await stores[0].countsByStatus()[.queued] == 100)
        }
    }

    @Test func notifyWakesAListeningInstance() async throws {
        try await withStores(2) { stores in
            let wakes = NIOLockedValueBox(0)
            let listener = Task { await stores[1].watchForWork { wakes.withLockedValue { $0 += 1 } } }
            // The first wake says the listener is listening.
            #expect(await Self.eventually { wakes.withLockedValue { $0 } >= 1 }, "the listener started")
            _ = try await stores[0].ingest([NewRun(flow: "f", webhookID: nil, event: [:])], now: 1)
            #expect(await Self.eventually { wakes.withLockedValue { $0 } >= 2 }, "ingest in one instance wakes the other")
            var failed = try #require(try await stores[0].lease(owner: "a", limit: 1, now: WallClock.now, until: WallClock.now + 60).first)
            failed.status = .failed
            #expect(try await stores[0].update(failed, owner: "a", now: WallClock.now))
            let before = wakes.withLockedValue { $0 }
            _ = try await stores[0].replay(id: nil, flow: nil, now: WallClock.now)
            #expect(await Self.eventually { wakes.withLockedValue { $0 } > before }, "replay wakes it too")
            listener.cancel()
            await listener.value
        }
    }

    /// A run stored leased is its runner's to deliver: no other runner (nor its own dispatcher,
    /// which counts a notification as queued work) is woken for it. A queued run notifies.
    @Test func aRunStoredLeasedNotifiesNoOne() async throws {
        try await withStores(1) { stores in
            let store = stores[0]
            let connection = try await PostgresConnection.connect(configuration: try PostgresConnector.connectionConfiguration(store.location),
                                                                  id: 7, logger: Logger(label: "test"))
            let payloads = try await connection.listen(on: PostgresRunStore.channel) { notifications in
                _ = try await store.ingestLeased(NewRun(flow: "f", webhookID: nil, event: [:]), now: 1, owner: "a", until: WallClock.now + 60)
                _ = try await store.ingest([NewRun(flow: "f", webhookID: nil, event: [:])], now: 1)
                // Notifications come in commit order: everything before this one has come.
                try await connection.query("SELECT pg_notify(\(PostgresRunStore.channel), 'barrier')", logger: Logger(label: "test"))
                var payloads: [String] = []
                for try await notification in notifications {
                    payloads.append(notification.payload)
                    if notification.payload == "barrier" { break }
                }
                return payloads
            }
            #expect(payloads == ["", "barrier"], "one notification, the queued run's")
            try await connection.close()
        }
    }

    /// The delivery workers' batch of saves in one statement stores what the one-by-one path
    /// stores: each attempt as recorded (NULLs included) and each run as saved, lease kept only
    /// while it is running; a run whose lease is another's is not changed.
    @Test func aBatchOfSavesInOneStatementStoresEachAsItWas() async throws {
        try await withStores(1) { stores in
            let store = stores[0]
            _ = try await store.ingest((0..<4).map { NewRun(flow: "f", webhookID: "s\($0)", event: ["i": .integer(Int64($0))]) }, now: 1)
            let now = WallClock.now
            let mine = try await store.lease(owner: "w", limit: 3, now: now, until: now + 60)
            let theirs = try #require(try await store.lease(owner: "x", limit: 1, now: now, until: now + 60).first)
            var saves: [(attempt: AttemptRecord, run: RunRecord)] = []
            for (index, run) in (mine + [theirs]).enumerated() {
                var saved = run
                saved.event = ["i": .integer(Int64(index)), "mapped": true]
                saved.status = [RunStatus.succeeded, .running, .retrying, .succeeded][index]
                saved.stepIndex = index == 1 ? 1 : 0
                saved.attempt = index
                saved.nextAt = now + Double(index) + 0.125
                saved.outputs = index == 0 ? JSONObject([("step", JSONValue.object(JSONObject([("id", JSONValue.string("e-1"))])))]) : JSONObject()
                saved.error = index == 2 ? "HTTP 503 from the target" : nil
                saved.leaseUntil = index == 1 ? now + 90.5 : saved.leaseUntil
                let attempt = AttemptRecord(runID: run.id, stepIndex: 0, stepID: "track", attempt: index + 1, startedAt: now + 0.25,
                                            durationMilliseconds: 12.5, outcome: index == 2 ? .retry : .succeeded,
                                            requests: [["method": "POST", "url": "http://127.0.0.1:9/x", "body": "{\"a\":\"é\\n\"}"]],
                                            status: index == 2 ? 503 : (index == 1 ? nil : 200), error: saved.error,
                                            responseExcerpt: index == 0 ? "{\"ok\":true}" : nil)
                saves.append((attempt, saved))
            }
            let updated = try await store.saveInOneStatement(saves, owner: "w", now: now + 1)
            #expect(updated == Set(mine.map(\.id)), "the last run's lease is x's")
            for (index, save) in saves.enumerated() {
                #expect(try await store.attempts(save.run.id) == [save.attempt], "attempt \(index)")
                let stored = try #require(try await store.run(save.run.id))
                guard index < 3 else {
                    #expect(stored.status == .running && stored.leaseOwner == "x" && stored.event == ["i": 3], "not changed")
                    continue
                }
                var expected = save.run
                expected.updatedAt = now + 1
                expected.leaseOwner = save.run.status == .running ? "w" : nil
                expected.leaseUntil = save.run.status == .running ? save.run.leaseUntil : nil
                #expect(stored == expected, "run \(index)")
            }
        }
    }

    @Test func storesStartingTogetherMigrateOnce() async throws {
        try await PostgresTestServer.withDatabase { url in
            let stores = try await withThrowingTaskGroup(of: PostgresRunStore.self) { group in
                for _ in 0..<3 { group.addTask { try await PostgresRunStore.open(try PostgresLocation(url: url)) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(stores.count == 3)
            _ = try await stores[0].ingest([NewRun(flow: "f", webhookID: nil, event: [:])], now: 1)
            #expect(try await stores[2].countsByStatus()[.queued] == 1)
            for store in stores { await store.close() }
        }
    }

    /// Whether `condition` holds within 20 s (a bound for failing, not a measurement).
    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<1000 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
