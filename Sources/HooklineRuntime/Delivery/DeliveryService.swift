import Foundation
import ConnectorKit
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Delivers runs: a dispatcher leases due runs in batches and hands them to a fixed pool of
/// workers, keeping runs leased ahead (``ahead(workers:)``) so a worker that finishes finds its
/// next run without waiting for a lease; a run's last save is batched (``ProgressWriter``).
/// While no stored run waits, ingest hands new runs to the workers itself, stored already leased
/// (``handoff``).
/// On graceful shutdown it stops leasing, lets each worker finish the step in flight, saves, and
/// gives unfinished runs back to the queue. With no workers (`delivery.workers: 0`) the process
/// only ingests: other runners sharing the store deliver.
public final class DeliveryService: Service {
    let config: RunnerConfig
    let store: any RunStore
    let transport: any HTTPTransport
    let signal: WorkSignal
    let logger: Logger
    let metrics: RunnerMetrics
    /// This process's lease owner name.
    public let owner: String
    /// Where ingest hands this runner's workers the runs it stores leased (``WebhookIngest``).
    public let handoff: DeliveryHandoff
    private let stoppingFlag = NIOLockedValueBox(false)

    public init(config: RunnerConfig, store: any RunStore, transport: any HTTPTransport, signal: WorkSignal, metrics: RunnerMetrics,
                logger: Logger, owner: String) {
        self.config = config
        self.store = store
        self.transport = transport
        self.signal = signal
        self.metrics = metrics
        self.logger = logger
        self.owner = owner
        handoff = DeliveryHandoff(owner: owner, leaseSeconds: config.settings.leaseSeconds)
    }

    public func run() async throws {
        let workers = config.settings.workers
        guard workers > 0 else {
            logger.notice("delivery.workers is 0: this runner only ingests; runners with workers on the same store deliver")
            try? await gracefulShutdown()
            return
        }
        let (stream, continuation) = AsyncStream<RunRecord>.makeStream(bufferingPolicy: .unbounded)
        let flag = stoppingFlag
        let handoff = handoff
        handoff.open(continuation, capacity: workers + Self.ahead(workers: workers))
        let progress = ProgressWriter(store: store, owner: owner, logger: logger, limit: Self.ahead(workers: workers))
        var executor = RunExecutor(config: config, store: store, transport: transport, owner: owner, logger: logger, metrics: metrics,
                                   stopping: { flag.withLockedValue { $0 } })
        executor.progress = progress
        let threads = DeliveryExecutor(threads: ProcessInfo.processInfo.activeProcessorCount, name: "hookline-delivery")
        defer { threads.shutdown() }
        await withTaskExecutorPreference(threads) {
            await withGracefulShutdownHandler { [executor] in
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<workers {
                        group.addTask { [signal, flag] in
                            for await run in stream {
                                // A run that waited in the buffer past its lease is not ours any
                                // more: the dispatcher (or another runner) leases it again. One not
                                // started at shutdown is given back by `release` below.
                                let leaseLeft = (run.leaseUntil ?? .infinity) - WallClock.now
                                if leaseLeft > Self.leaseMargin, !flag.withLockedValue({ $0 }) {
                                    if let retry = await executor.execute(run) {
                                        // Wakes the dispatcher to shorten its wait to the retry's time.
                                        handoff.retryDue(at: retry)
                                        signal.poke()
                                    }
                                } else {
                                    handoff.mayHaveWork()
                                }
                                if handoff.finished() { signal.poke() }
                            }
                        }
                    }
                    // Other processes sharing the store (PostgreSQL) wake this one's dispatcher too.
                    let watcher = Task { [store, signal] in
                        await store.watchForWork {
                            handoff.mayHaveWork()
                            signal.poke()
                        }
                    }
                    await dispatch()
                    handoff.close()
                    watcher.cancel()
                    continuation.finish()
                    await group.waitForAll()
                }
                await progress.flush()
            } onGracefulShutdown: { [stoppingFlag, signal, handoff] in
                stoppingFlag.withLockedValue { $0 = true }
                handoff.close()
                signal.poke()
            }
        }
        do {
            let released = try await store.release(owner: owner, now: WallClock.now)
            if released > 0 { logger.info("released leased runs", metadata: ["count": "\(released)"]) }
        } catch {
            logger.error("could not release leases; they expire by themselves", metadata: ["error": "\(error)"])
        }
    }

    /// How many runs may be leased ahead of the workers, and how many finished runs may wait for
    /// their save. Both bound throughput to that many runs per commit of the store (one lease in
    /// flight; one batch of saves in flight): 16 each held delivery under 1,000 runs/s when a
    /// commit took 20 ms under load. Also what a crash may deliver twice: runs delivered whose
    /// save had not committed (see the README's crash guarantees).
    public static func ahead(workers: Int) -> Int { max(256, 4 * workers) }

    /// The lease a buffered run must have left for a worker to start it: enough to renew it.
    static let leaseMargin = 2.0

    /// Leases while fewer than the handoff's capacity of runs are handed out (running or waiting
    /// for a worker).
    private func dispatch() async {
        var lastBacklog = ContinuousClock.now
        while !stoppingFlag.withLockedValue({ $0 }), !Task.isCancelled {
            let free = handoff.free
            var leased: [RunRecord] = []
            if free > 0 {
                do {
                    let now = WallClock.now
                    let mark = handoff.leaseMark(now: now)
                    leased = try await store.lease(owner: owner, limit: free, now: now, until: now + config.settings.leaseSeconds)
                    handoff.leased(leased, asked: free, since: mark)
                } catch {
                    if Task.isCancelled { break }
                    logger.error("leasing runs failed; retrying", metadata: ["error": "\(error)"])
                }
            }
            if ContinuousClock.now - lastBacklog > .seconds(5) {
                lastBacklog = .now
                if let counts = try? await store.countsByStatus(RunnerMetrics.storedStatuses) { metrics.backlog(counts) }
            }
            if leased.isEmpty || leased.count == free {
                let wait = handoff.wait(poll: config.settings.pollSeconds, now: WallClock.now)
                await signal.wait(timeout: .milliseconds(Int64(wait * 1000)))
            }
        }
    }
}
