import ConnectorKit
import Foundation
import NIOConcurrencyHelpers
@testable import HooklineRuntime
import Testing

/// Ingest handing new runs straight to the workers, stored leased, while a worker slot is free
/// and no stored run waits; queued otherwise, oldest first.
@Suite struct DeliveryHandoffTests {
    /// An ingest over a fresh SQLite store with a handoff of `capacity` slots whose dispatcher has
    /// looked (no run waits), and the workers' stream.
    struct Setup {
        let store: SQLiteRunStore
        let handoff: DeliveryHandoff
        let ingest: WebhookIngest
        /// What the workers were handed, in order.
        let handed = NIOLockedValueBox<[RunRecord]>([])

        init(capacity: Int) throws {
            store = try SQLiteRunStore(path: try temporaryDirectory().appendingPathComponent("runs.sqlite").path)
            handoff = DeliveryHandoff(owner: "me", leaseSeconds: 60)
            let (stream, continuation) = AsyncStream<RunRecord>.makeStream()
            Task { [handed] in
                for await run in stream { handed.withLockedValue { $0.append(run) } }
            }
            handoff.open(continuation, capacity: capacity)
            handoff.leased([], asked: capacity, since: handoff.leaseMark(now: WallClock.now))
            ingest = WebhookIngest(config: try loadConfig(sinkConfig(baseURL: "http://127.0.0.1:9")), store: store, signal: WorkSignal(),
                                   metrics: RunnerMetrics(), handoff: handoff)
        }

        func post(_ n: Int, webhookID: String? = nil) async throws -> String {
            let headers = ["content-type": "application/json", "webhook-id": webhookID]
            let reply = await ingest.receive(flowID: "f", header: { headers[$0.lowercased()] ?? nil },
                                             body: Array(#"{"email":"a@example.com","n":\#(n)}"#.utf8))
            #expect(reply.status == 202)
            return try #require(reply.body["runId"]?.stringValue)
        }

        func status(_ id: String) async throws -> RunStatus? { try await store.run(id)?.status }

        /// The `index`th run handed to the workers, once it is (nil after 10 s).
        func handedRun(_ index: Int) async throws -> RunRecord? {
            _ = try await eventually { handed.withLockedValue { $0.count > index } }
            return handed.withLockedValue { $0.count > index ? $0[index] : nil }
        }
    }

    @Test func aNewRunIsStoredLeasedAndHandedToAWorker() async throws {
        let setup = try Setup(capacity: 2)
        let id = try await setup.post(1)
        let handed = try #require(try await setup.handedRun(0))
        #expect(handed.id == id)
        #expect(handed.status == .running)
        #expect(handed.leaseOwner == "me")
        #expect(handed.event["n"] == 1)
        let stored = try #require(try await setup.store.run(id))
        #expect(stored == handed, "the record handed over is the one stored")
        #expect(handed.storedEventText == #"{"email":"a@example.com","n":1}"#, "saves write the sender's text back")
        #expect(try await setup.store.lease(owner: "other", limit: 10, now: WallClock.now, until: WallClock.now + 60).isEmpty,
                "leased to this process: no one else takes it")
    }

    @Test func runsAreQueuedWhenTheWorkersAreFullAndStayInOrderAfter() async throws {
        let setup = try Setup(capacity: 1)
        let first = try await setup.post(1)
        #expect(try await setup.handedRun(0)?.id == first)
        let second = try await setup.post(2)
        #expect(try await setup.status(second) == .queued, "no free slot")
        // The worker finishes: a slot is free, but the queued run is older than the next one.
        #expect(setup.handoff.finished(), "the dispatcher must look: a run waits")
        let third = try await setup.post(3)
        #expect(try await setup.status(third) == .queued, "stored behind the waiting run, not ahead of it")
        // The dispatcher leases the oldest waiting run.
        let now = WallClock.now
        let mark = setup.handoff.leaseMark(now: now)
        let leased = try await setup.store.lease(owner: "me", limit: setup.handoff.free, now: now, until: now + 60)
        #expect(leased.map(\.id) == [second])
        setup.handoff.leased(leased, asked: 1, since: mark)
        #expect(try await setup.handedRun(1)?.id == second)
        #expect(setup.handoff.finished())
        let rest = try await setup.store.lease(owner: "me", limit: 1, now: now, until: now + 60)
        #expect(rest.map(\.id) == [third])
        setup.handoff.leased(rest, asked: 1, since: setup.handoff.leaseMark(now: now))
        #expect(setup.handoff.finished())
        // A lease that finds fewer runs than it asked for: nothing waits; handing over resumes.
        let none = try await setup.store.lease(owner: "me", limit: 1, now: now, until: now + 60)
        setup.handoff.leased(none, asked: 1, since: setup.handoff.leaseMark(now: now))
        #expect(!setup.handoff.finished(), "nothing waits: no need to wake the dispatcher")
        let fourth = try await setup.post(4)
        #expect(try await setup.status(fourth) == .running)
    }

    @Test func nothingIsHandedOverBeforeTheDispatcherLooksOrAfterShutdown() async throws {
        let handoff = DeliveryHandoff(owner: "me", leaseSeconds: 60)
        #expect(handoff.reserve(now: 0) == nil, "not open")
        handoff.queued(stored: false)
        let (_, continuation) = AsyncStream<RunRecord>.makeStream()
        handoff.open(continuation, capacity: 4)
        #expect(handoff.reserve(now: 0) == nil, "runs may wait in the store until the first lease")
        handoff.queued(stored: false)
        handoff.leased([], asked: 4, since: handoff.leaseMark(now: 0))
        let reservation = try #require(handoff.reserve(now: 100))
        #expect(reservation.owner == "me" && reservation.until == 160)
        #expect(handoff.free == 3)
        handoff.mayHaveWork()
        #expect(handoff.reserve(now: 0) == nil, "another process may have queued runs")
        handoff.queued(stored: false)
        handoff.leased([], asked: 3, since: handoff.leaseMark(now: 0))
        #expect(handoff.isHandingOver)
        handoff.close()
        #expect(handoff.reserve(now: 0) == nil, "shutting down")
    }

    @Test func aDuplicateGivesItsSlotBack() async throws {
        let setup = try Setup(capacity: 2)
        let first = try await setup.post(1, webhookID: "w")
        #expect(setup.handoff.free == 1)
        let again = try await setup.post(2, webhookID: "w")
        #expect(again == first)
        #expect(setup.handoff.free == 1, "the duplicate's slot is given back")
        #expect(try await setup.store.run(first)?.event["n"] == 1, "the first run is left as it was")
    }

    /// An empty handoff (capacity 1) whose dispatcher has looked: handing over.
    static func lookedAt() -> DeliveryHandoff {
        let handoff = DeliveryHandoff(owner: "me", leaseSeconds: 60)
        let (_, continuation) = AsyncStream<RunRecord>.makeStream()
        handoff.open(continuation, capacity: 1)
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        return handoff
    }

    @Test func aLeaseThatStartedBeforeARunWasQueuedDoesNotResumeHandingOver() async throws {
        let handoff = Self.lookedAt()
        let held = try #require(handoff.reserve(now: 0))  // the room is taken
        #expect(handoff.reserve(now: 0) == nil, "no room: this run is stored queued")
        handoff.cancel(held, queued: false)
        let mark = handoff.leaseMark(now: 0)
        handoff.queued(stored: true)  // stored queued while the lease was in flight
        handoff.leased([], asked: 1, since: mark)
        #expect(!handoff.isHandingOver, "the queued run may not have been seen by that lease")
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        #expect(handoff.isHandingOver)
    }

    @Test func aLeaseThatEndsWhileARunIsBeingStoredQueuedDoesNotResumeHandingOver() async throws {
        let handoff = Self.lookedAt()
        let held = try #require(handoff.reserve(now: 0))
        #expect(handoff.reserve(now: 0) == nil)  // being stored queued: its commit may come after the lease's
        handoff.cancel(held, queued: false)
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        #expect(!handoff.isHandingOver, "a lease that missed the run would let a newer one overtake it")
        handoff.queued(stored: true)
        #expect(!handoff.isHandingOver)
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        #expect(handoff.isHandingOver)
    }

    @Test func workAnotherProcessMayHaveQueuedStopsHandingOverUntilALeaseLooks() async throws {
        let handoff = Self.lookedAt()
        let mark = handoff.leaseMark(now: 0)
        handoff.mayHaveWork()  // a notification while a lease was in flight
        handoff.leased([], asked: 1, since: mark)
        #expect(!handoff.isHandingOver)
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        #expect(handoff.isHandingOver)
    }

    @Test func aStoreThatStoresReservedRunsQueuedIsNotAskedAgain() async throws {
        let handoff = Self.lookedAt()
        let reservation = try #require(handoff.reserve(now: 0))
        handoff.cancel(reservation, queued: true)
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 0))
        #expect(handoff.reserve(now: 0) == nil)
        #expect(!handoff.isHandingOver)
    }

    @Test func theDispatcherWakesWhenARetryIsDue() async throws {
        let handoff = Self.lookedAt()
        #expect(handoff.wait(poll: 1, now: 100) == 1)
        handoff.retryDue(at: 105)
        handoff.retryDue(at: 100.25)
        #expect(handoff.wait(poll: 1, now: 100) == 0.25)
        #expect(handoff.wait(poll: 1, now: 101) == 0, "overdue")
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 100))
        #expect(handoff.wait(poll: 1, now: 100.1) < 1, "that lease started before the retry was due")
        handoff.leased([], asked: 1, since: handoff.leaseMark(now: 101))
        #expect(handoff.wait(poll: 1, now: 101) == 1, "a lease after it found every due run")
    }
}
