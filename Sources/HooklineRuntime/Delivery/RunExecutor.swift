import ConnectorKit
import Logging

/// Delivers one leased run from its current step to the end (or to a retry, a failure, or a
/// shutdown), saving progress after every step so a crash repeats at most the step in flight or,
/// for a run's last step, a step whose save is still with the ``ProgressWriter``.
struct RunExecutor: Sendable {
    let config: RunnerConfig
    let store: any RunStore
    let transport: any HTTPTransport
    let owner: String
    let logger: Logger
    let metrics: RunnerMetrics
    /// Where a run's last save goes (the worker does not wait for its commit); nil: saved in place.
    var progress: ProgressWriter? = nil
    /// True once shutdown began: finish the step in flight, then give the run back.
    let stopping: @Sendable () -> Bool

    /// Runs the leased run's steps from where it stands. Returns when the run is due again if it
    /// is left retrying (the dispatcher leases it by then), nil otherwise.
    @discardableResult
    func execute(_ leased: RunRecord) async -> Double? {
        var run = leased
        guard let flow = config.flow(run.flow) else {
            run.status = .failed
            run.error = "the flow '\(run.flow)' is not in the config any more"
            await save(run)
            return nil
        }
        guard run.stepIndex < flow.steps.count else {
            run.status = .succeeded
            await save(run)
            metrics.run(flow: flow.id, outcome: "succeeded")
            return nil
        }
        let runner = StepRunner(redactor: config.redactor, learned: config.runtimeSecrets)
        while run.stepIndex < flow.steps.count {
            if stopping() {
                run.status = .queued
                await save(run)
                return nil
            }
            let step = flow.steps[run.stepIndex]
            guard await holdLease(&run) else {
                logger.warning("lease lost; another worker has the run", metadata: ["run": "\(run.id)"])
                return nil
            }
            let started = WallClock.now
            let outcome = await runner.run(step, event: run.event, outputs: run.outputs, idempotencyKey: "\(run.id):\(step.id)", transport: transport)
            let attemptNumber = run.attempt + 1
            var attempt = AttemptRecord(runID: run.id, stepIndex: run.stepIndex, stepID: step.id, attempt: attemptNumber, startedAt: started,
                                        durationMilliseconds: (WallClock.now - started) * 1000, outcome: .succeeded,
                                        requests: outcome.requests, status: outcome.lastStatus, responseExcerpt: outcome.lastResponseExcerpt)
            switch outcome.result {
            case .succeeded(let output):
                run.outputs[step.id] = output
                if step.merge { run.event = StepRunner.merge(output, into: run.event) }
                run.stepIndex += 1
                run.attempt = 0
                run.error = nil
                metrics.step(flow: flow.id, step: step.id, outcome: "succeeded")
            case .skipped:
                attempt.outcome = .skipped
                run.stepIndex += 1
                run.attempt = 0
                metrics.step(flow: flow.id, step: step.id, outcome: "skipped")
            case .failed(let error):
                attempt.error = error.description
                attempt.status = error.status ?? attempt.status
                let delay = error.kind == .retryable ? step.retry.delay(after: attemptNumber, retryAfter: error.retryAfter) : nil
                if let delay {
                    attempt.outcome = .retry
                    run.status = .retrying
                    run.attempt = attemptNumber
                    run.nextAt = WallClock.now + delay
                    run.error = "step \(step.id): \(error.description)"
                    metrics.step(flow: flow.id, step: step.id, outcome: "retry")
                } else {
                    attempt.outcome = .failed
                    run.status = .failed
                    run.attempt = attemptNumber
                    run.error = "step \(step.id): \(error.description)"
                    metrics.step(flow: flow.id, step: step.id, outcome: "failed")
                }
                await save(run, attempt: attempt)
                logger.info("step did not succeed", metadata: ["run": "\(run.id)", "step": "\(step.id)", "kind": "\(error.kind.rawValue)",
                                                               "code": "\(error.code)", "next": "\(run.status.rawValue)"])
                return run.status == .retrying ? run.nextAt : nil
            }
            // The attempt and the run's progress are saved together (one transaction).
            run.status = run.stepIndex < flow.steps.count ? .running : .succeeded
            await save(run, attempt: attempt)
        }
        metrics.run(flow: flow.id, outcome: "succeeded")
        return nil
    }

    /// Makes sure the run's lease covers the next step: a lease taken or renewed less than a second
    /// ago is kept as it is (it is as long as a renewal would make it, less that second); an older
    /// one is renewed. False when the lease was lost.
    private func holdLease(_ run: inout RunRecord) async -> Bool {
        let now = WallClock.now
        if let until = run.leaseUntil, until - now > config.settings.leaseSeconds - 1 { return true }
        let leaseUntil = now + config.settings.leaseSeconds
        guard (try? await store.renewLease(run.id, owner: owner, until: leaseUntil)) == true else { return false }
        run.leaseUntil = leaseUntil
        return true
    }

    /// Saves the run's progress, with the attempt that made it when there is one. A run leaving
    /// this worker (done, failed, or waiting for a retry) with an attempt goes to the progress
    /// writer; a run between steps is saved before its next step starts.
    private func save(_ run: RunRecord, attempt: AttemptRecord? = nil) async {
        if let progress, let attempt, run.status != .running {
            await progress.post(ProgressWriter.Save(attempt: attempt, run: run))
            return
        }
        do {
            let saved = if let attempt {
                try await store.recordAttempt(attempt, andUpdate: run, owner: owner, now: WallClock.now)
            } else {
                try await store.update(run, owner: owner, now: WallClock.now)
            }
            if !saved {
                logger.warning("lease lost before saving; another worker has the run", metadata: ["run": "\(run.id)"])
            }
        } catch {
            // The lease will expire and another worker repeats the step: at least once, never lost.
            logger.error("could not save run progress", metadata: ["run": "\(run.id)", "error": "\(error)"])
        }
    }
}
