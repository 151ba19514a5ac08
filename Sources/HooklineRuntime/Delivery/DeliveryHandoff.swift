import NIOConcurrencyHelpers

/// The runs handed to this process's delivery workers, and the way a webhook's run reaches them
/// without a lease query: while the workers' buffer (``DeliveryService/ahead(workers:)`` runs
/// beyond the workers) has room and no stored run waits, ingest stores the run already leased to
/// this process (``RunStore/ingestLeased(_:now:owner:until:)``) and hands the record straight to
/// the workers. That spares the store a lease query per batch (with the event parsed again from
/// its text) and the run the wait for it.
///
/// Order is kept: once a run is about to be stored queued (no room, or runs waiting), the
/// following runs are stored queued too, until a lease that started after it was stored finds no
/// more due runs. A lease stored with the run is an ordinary lease: should the process die, the
/// run is leased again when it expires; on graceful shutdown, the runs not started are released.
public final class DeliveryHandoff: Sendable {
    /// Room held for one run being stored leased; give it back with
    /// ``DeliveryHandoff/handOff(_:)`` or ``DeliveryHandoff/cancel(_:queued:)``.
    public struct Reservation: Sendable {
        /// The lease the run is stored with.
        public let owner: String
        public let until: Double
    }

    /// Where the queued runs stood when a lease started (``DeliveryHandoff/leaseMark(now:)``).
    struct LeaseMark {
        let queued: Int
        let now: Double
    }

    private struct State {
        var continuation: AsyncStream<RunRecord>.Continuation?
        var capacity = 0
        /// Runs handed out (leased, or room reserved) and not yet finished by a worker. Ingest may
        /// reserve room while a lease is in flight, so this can pass `capacity` by that lease.
        var inFlight = 0
        /// A lease found no more due runs, started after every run stored queued was stored.
        var backlogEmpty = false
        /// Runs stored queued (or work another process may have queued) so far.
        var queued = 0
        /// Ingests told to store queued whose store has not returned: a lease in flight may miss them.
        var queuing = 0
        /// The store stored a reserved run queued (it cannot lease on ingest): reserve no more.
        var storeCannotLease = false
        /// The earliest time a run this process set retrying is due.
        var earliestRetry: Double?
        /// Runs handed over by ingest (for tests and metrics).
        var handedOver = 0

        mutating func markQueued() {
            backlogEmpty = false
            queued &+= 1
        }
    }

    private let state = NIOLockedValueBox(State())
    private let owner: String
    private let leaseSeconds: Double

    init(owner: String, leaseSeconds: Double) {
        self.owner = owner
        self.leaseSeconds = leaseSeconds
    }

    // MARK: The delivery service's side

    /// Starts handing runs to `continuation`'s workers, at most `capacity` at a time (the lease in
    /// flight aside).
    func open(_ continuation: AsyncStream<RunRecord>.Continuation, capacity: Int) {
        state.withLockedValue {
            $0.continuation = continuation
            $0.capacity = capacity
        }
    }

    /// Stops handing runs out (shutdown): ingest stores runs queued from now on.
    func close() {
        state.withLockedValue {
            $0.continuation = nil
            $0.capacity = 0
            $0.backlogEmpty = false
        }
    }

    /// How many runs the dispatcher may lease (negative while reservations overshoot).
    var free: Int { state.withLockedValue { $0.capacity - $0.inFlight } }

    /// Whether ingest would hand a run over now (for tests).
    var isHandingOver: Bool {
        state.withLockedValue { $0.continuation != nil && $0.backlogEmpty && !$0.storeCannotLease && $0.inFlight < $0.capacity }
    }

    /// Runs ingest has handed over so far.
    var handedOver: Int { state.withLockedValue { $0.handedOver } }

    /// Marks the start of a lease at `now`; pass the result to ``leased(_:asked:since:)``.
    func leaseMark(now: Double) -> LeaseMark { state.withLockedValue { LeaseMark(queued: $0.queued, now: now) } }

    /// Hands the dispatcher's leased runs to the workers. Fewer than `asked`: no more runs were
    /// due, so ingest may hand its runs over, unless one was (being) stored queued since `mark`.
    func leased(_ runs: [RunRecord], asked: Int, since mark: LeaseMark) {
        let continuation = state.withLockedValue { state in
            state.inFlight += runs.count
            state.backlogEmpty = runs.count < asked && state.queued == mark.queued && state.queuing == 0
            if let retry = state.earliestRetry, retry <= mark.now, runs.count < asked { state.earliestRetry = nil }
            return state.continuation
        }
        for run in runs { continuation?.yield(run) }
    }

    /// Another process may have queued runs (PostgreSQL's notifications), or a run was given
    /// back: store runs queued until a lease has looked.
    func mayHaveWork() { state.withLockedValue { $0.markQueued() } }

    /// A run this process set retrying is due at `time`: the dispatcher leases by then.
    func retryDue(at time: Double) {
        state.withLockedValue { $0.earliestRetry = min($0.earliestRetry ?? time, time) }
    }

    /// How long the dispatcher may wait, at most `poll` seconds: until the earliest retry is due.
    func wait(poll: Double, now: Double) -> Double {
        state.withLockedValue { state in state.earliestRetry.map { min(poll, max(0, $0 - now)) } ?? poll }
    }

    /// A worker is done with a run. True when the dispatcher should look for more: runs may be
    /// waiting in the store for the room freed.
    func finished() -> Bool {
        state.withLockedValue { state in
            state.inFlight -= 1
            return !state.backlogEmpty
        }
    }

    // MARK: Ingest's side

    /// Holds room for a run about to be stored leased, when there is room and no stored run
    /// waits. Nil: store the run queued, then call ``queued(stored:)``.
    public func reserve(now: Double) -> Reservation? {
        let reserved = state.withLockedValue { state in
            guard state.continuation != nil, state.backlogEmpty, !state.storeCannotLease, state.inFlight < state.capacity else {
                state.queuing += 1
                return false
            }
            state.inFlight += 1
            return true
        }
        return reserved ? Reservation(owner: owner, until: now + leaseSeconds) : nil
    }

    /// After a nil ``reserve(now:)``: the run was stored queued (`stored`), or not stored (a
    /// duplicate, or an error).
    public func queued(stored: Bool) {
        state.withLockedValue { state in
            state.queuing -= 1
            if stored { state.markQueued() }
        }
    }

    /// Gives the run stored with `reservation`'s lease to a worker.
    public func handOff(_ run: RunRecord) {
        let continuation = state.withLockedValue { state in
            state.handedOver += 1
            return state.continuation
        }
        // Closed meanwhile (shutdown): the run stays leased and is released with the others, or,
        // should the process stop before that, leased again when its lease expires.
        continuation?.yield(run)
    }

    /// Gives reserved room back: the run was not stored leased. `queued`: the store stored it
    /// queued (it cannot lease on ingest), so no more room is reserved and the runs after it are
    /// stored queued too.
    public func cancel(_ reservation: Reservation, queued: Bool) {
        state.withLockedValue { state in
            state.inFlight -= 1
            if queued {
                state.storeCannotLease = true
                state.markQueued()
            }
        }
    }
}
