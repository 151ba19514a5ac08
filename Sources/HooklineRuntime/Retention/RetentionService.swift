import Foundation
import Logging
import ServiceLifecycle

/// Deletes finished runs past their retention (``RetentionPolicy``), with their attempts: at
/// start, then every `interval`. A backlog (a store that has been growing, or a shorter retention
/// than before) is worked through in batches of `batchSize`, each followed by a pause at least as
/// long as the batch took, so pruning takes at most half of the store's writing time and ingest
/// never waits long behind it. Every runner sharing a store prunes; batches of different runners
/// do not overlap.
public struct RetentionService: Service {
    let policy: RetentionPolicy
    let store: any RunStore
    let metrics: RunnerMetrics
    let logger: Logger
    let interval: Duration
    let batchSize: Int
    let pause: Duration

    /// - Parameters:
    ///   - interval: between rounds once a round found nothing more to delete.
    ///   - batchSize: runs deleted per write.
    ///   - pause: the shortest pause between two batches of a round.
    public init(policy: RetentionPolicy, store: any RunStore, metrics: RunnerMetrics, logger: Logger,
                interval: Duration = .seconds(60), batchSize: Int = 500, pause: Duration = .milliseconds(20)) {
        self.policy = policy
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.batchSize = batchSize
        self.pause = pause
    }

    public func run() async throws {
        guard !policy.limits.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await pruneDue(now: WallClock.now)
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Prunes every finished status whose retention has passed for some runs, batch after batch
    /// until none is left or the task is cancelled; returns how many runs were deleted, by status.
    /// A store error is logged and ends that status's turn in this round (the next round tries again).
    @discardableResult
    public func pruneDue(now: Double) async -> [RunStatus: Int] {
        var deleted: [RunStatus: Int] = [:]
        for (status, seconds) in policy.limits {
            var total = 0
            do {
                while !Task.isCancelled {
                    let started = ContinuousClock.now
                    let count = try await store.pruneFinished(status, lastAttemptBefore: now - seconds, limit: batchSize)
                    total += count
                    metrics.pruned(status: status, count: count)
                    guard count == batchSize else { break }
                    try? await Task.sleep(for: max(pause, ContinuousClock.now - started))
                }
            } catch {
                logger.error("deleting finished runs past their retention failed; retrying at the next round",
                             metadata: ["status": "\(status.rawValue)", "error": "\(error)"])
            }
            if total > 0 {
                logger.info("deleted finished runs past their retention",
                            metadata: ["status": "\(status.rawValue)", "count": "\(total)", "days": "\(seconds / 86_400)"])
            }
            deleted[status] = total
        }
        return deleted
    }
}
