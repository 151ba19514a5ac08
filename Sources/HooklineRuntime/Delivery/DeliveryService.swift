import ConnectorKit
import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle

/// Delivers runs: a dispatcher leases due runs in batches (as many as there are free workers)
/// and hands them to a fixed pool of workers. On graceful shutdown it stops leasing, lets each
/// worker finish the step in flight, and gives unfinished runs back to the queue.
public final class DeliveryService: Service {
    let config: RunnerConfig
    let store: any RunStore
    let transport: any HTTPTransport
    let signal: WorkSignal
    let logger: Logger
    let metrics: RunnerMetrics
    /// This process's lease owner name.
    public let owner: String
    private let stoppingFlag = NIOLockedValueBox(false)
    private let inFlight = NIOLockedValueBox(0)

    public init(config: RunnerConfig, store: any RunStore, transport: any HTTPTransport, signal: WorkSignal, metrics: RunnerMetrics,
                logger: Logger, owner: String) {
        self.config = config
        self.store = store
        self.transport = transport
        self.signal = signal
        self.metrics = metrics
        self.logger = logger
        self.owner = owner
    }

    public func run() async throws {
        let workers = config.settings.workers
        let (stream, continuation) = AsyncStream<RunRecord>.makeStream(bufferingPolicy: .unbounded)
        let flag = stoppingFlag
        let executor = RunExecutor(config: config, store: store, transport: transport, owner: owner, logger: logger, metrics: metrics,
                                   stopping: { flag.withLockedValue { $0 } })
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask { [inFlight, signal] in
                        for await run in stream {
                            await executor.execute(run)
                            inFlight.withLockedValue { $0 -= 1 }
                            await signal.poke()
                        }
                    }
                }
                // Other processes sharing the store (PostgreSQL) wake this one's dispatcher too.
                let watcher = Task { [store, signal] in await store.watchForWork { await signal.poke() } }
                await dispatch(into: continuation, workers: workers)
                watcher.cancel()
                continuation.finish()
                await group.waitForAll()
            }
        } onGracefulShutdown: { [stoppingFlag, signal] in
            stoppingFlag.withLockedValue { $0 = true }
            Task { await signal.poke() }
        }
        do {
            let released = try await store.release(owner: owner, now: WallClock.now)
            if released > 0 { logger.info("released leased runs", metadata: ["count": "\(released)"]) }
        } catch {
            logger.error("could not release leases; they expire by themselves", metadata: ["error": "\(error)"])
        }
    }

    private func dispatch(into continuation: AsyncStream<RunRecord>.Continuation, workers: Int) async {
        let poll = Duration.milliseconds(Int64(config.settings.pollSeconds * 1000))
        var lastBacklog = ContinuousClock.now
        while !stoppingFlag.withLockedValue({ $0 }), !Task.isCancelled {
            let free = workers - inFlight.withLockedValue { $0 }
            var leased: [RunRecord] = []
            if free > 0 {
                do {
                    let now = WallClock.now
                    leased = try await store.lease(owner: owner, limit: free, now: now, until: now + config.settings.leaseSeconds)
                } catch {
                    if Task.isCancelled { break }
                    logger.error("leasing runs failed; retrying", metadata: ["error": "\(error)"])
                }
            }
            if !leased.isEmpty {
                inFlight.withLockedValue { $0 += leased.count }
                for run in leased { continuation.yield(run) }
            }
            if ContinuousClock.now - lastBacklog > .seconds(5) {
                lastBacklog = .now
                if let counts = try? await store.countsByStatus() { metrics.backlog(counts) }
            }
            if leased.isEmpty || leased.count == free {
                await signal.wait(timeout: poll)
            }
        }
    }
}
