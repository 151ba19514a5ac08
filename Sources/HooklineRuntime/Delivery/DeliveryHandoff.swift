import NIOConcurrencyHelpers

/// The runs handed to this process's delivery workers, and the way a webhook's run reaches them
/// without a lease: when a worker slot is free and no stored run is waiting, ingest stores the
/// run already leased to this process (``RunStore/ingestLeased(_:now:owner:until:)``) and hands
/// the record straight to the workers. That spares the store a lease query per batch (with the
/// event parsed again from its text) and the run the wait for it.
///
/// Order is kept: once a run is stored queued (no free slot, or a store that cannot lease on
/// ingest), ingest stores the following runs queued too, until the dispatcher's lease finds no
/// more due runs. A lease stored with the run is an ordinary lease: should the process die, the
/// run is leased again when it expires; on graceful shutdown, the runs not started are released.
public final class DeliveryHandoff: Sendable {
    /// A free worker slot held for one run being stored; give it back with
    /// ``DeliveryHandoff/handOff(_:)`` or ``DeliveryHandoff/cancel(_:queued:)``.
    public struct Reservation: Sendable {
        /// The lease the run is stored with.
        public let owner: String
        public let until: Double
    }

    private struct State {
        var continuation: AsyncStream<RunRecord>.Continuation?
        var capacity = 0
        /// Runs handed out (leased, or slots reserved) and not yet finished by a worker.
        var inFlight = 0
        /// The dispatcher's last lease found no more due runs, and none was queued since.
        var backlogEmpty = false
        /// Counts runs stored queued, so a lease that started before one does not clear the backlog.
        var queued = 0

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

    /// Starts handing runs to `continuation`'s workers, at most `capacity` at a time.
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

    /// Free slots: how many runs the dispatcher may lease.
    var free: Int { state.withLockedValue { $0.capacity - $0.inFlight } }

    /// Marks the start of a lease; pass the result to ``leased(_:asked:since:)``.
    var leaseMark: Int { state.withLockedValue { $0.queued } }

    /// Hands the dispatcher's leased runs to the workers. Fewer than `asked`: no more runs were
    /// due, so ingest may hand its runs over, unless one was stored queued since `mark`.
    func leased(_ runs: [RunRecord], asked: Int, since mark: Int) {
        let continuation = state.withLockedValue { state in
            state.inFlight += runs.count
            state.backlogEmpty = runs.count < asked && state.queued == mark
            return state.continuation
        }
        for run in runs { continuation?.yield(run) }
    }

    /// Another process may have queued runs (PostgreSQL's notifications): store runs queued until
    /// the dispatcher has looked.
    func mayHaveWork() { state.withLockedValue { $0.backlogEmpty = false } }

    /// A worker is done with a run. True when the dispatcher should look for more: runs may be
    /// waiting in the store for the freed slot.
    func finished() -> Bool {
        state.withLockedValue { state in
            state.inFlight -= 1
            return !state.backlogEmpty
        }
    }

    // MARK: Ingest's side

    /// Holds a worker slot for a run about to be stored, when one is free and no stored run is
    /// waiting; nil otherwise (store the run queued).
    public func reserve(now: Double) -> Reservation? {
        let reserved = state.withLockedValue { state in
            guard state.continuation != nil, state.backlogEmpty, state.inFlight < state.capacity else { return false }
            state.inFlight += 1
            return true
        }
        return reserved ? Reservation(owner: owner, until: now + leaseSeconds) : nil
    }

    /// Gives the run stored with `reservation`'s lease to a worker.
    public func handOff(_ run: RunRecord) {
        let continuation = state.withLockedValue { $0.continuation }
        // Closed meanwhile (shutdown): the run stays leased and is released with the others, or
        // leased again when its lease expires.
        continuation?.yield(run)
    }

    /// Gives a reserved slot back: the run was not stored leased. `queued`: it was stored queued,
    /// so the runs after it are too until the dispatcher leases it.
    public func cancel(_ reservation: Reservation, queued: Bool) {
        state.withLockedValue { state in
            state.inFlight -= 1
            if queued { state.markQueued() }
        }
    }

    /// A run was stored queued without a reservation: the runs after it are too, until the
    /// dispatcher leases it.
    public func storedQueued() { state.withLockedValue { $0.markQueued() } }
}
