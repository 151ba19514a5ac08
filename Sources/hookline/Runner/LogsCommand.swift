import ArgumentParser
import ConnectorKit
import HooklineRuntime

/// `hookline logs [--flow F] [--status failed] [--json] [--follow]`.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Show the run log, newest first (or follow it).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Only this flow's runs.")
    var flow: String?

    @Option(help: "Only runs in this status: queued, running, retrying, succeeded or failed.")
    var status: String?

    @Option(help: "At most this many runs.")
    var limit: Int = 50

    @Flag(help: "Print one JSON object per run (with attempts and requests), one per line.")
    var json = false

    @Flag(help: "Keep printing new runs as they arrive.")
    var follow = false

    func validate() throws {
        if let status, RunStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be from 1 to 10000") }
    }

    func run() async throws {
        // With --config, each run also shows how its event drifts from its flow's own schema.
        let config = try storeOptions.config.map { try ConfigLoading.load($0) }
        let store = try await storeOptions.open(loaded: config)
        let filter = RunFilter(flow: flow, status: status.flatMap(RunStatus.init), limit: limit)
        let started = WallClock.now
        let rows = try await store.runs(filter)
        for row in rows.reversed() { try await print(row.run, store: store, config: config) }
        if follow { try await followChanges(filter, since: started, store: store, config: config) }
    }

    /// Prints runs as they change (created, retrying, succeeded, failed — and again when a
    /// replayed run fails again), in the order they changed. Runs change in any order, so this
    /// follows update times, not sequence numbers; the cursor starts before the first listing
    /// and the (run, update) pairs already printed are skipped, so nothing in between is lost.
    /// Without `--status`, `running` shows only for a run not shown before (its arrival).
    private func followChanges(_ filter: RunFilter, since started: Double, store: any RunStore, config: RunnerConfig?) async throws {
        var cursor = started
        var printed = Set<Seen>()
        var shownRuns = Set<String>()
        while !Task.isCancelled {
            var next = filter
            next.updatedSince = cursor
            next.limit = 1000
            for row in try await store.runs(next) {
                cursor = max(cursor, row.run.updatedAt)
                guard printed.insert(Seen(id: row.run.id, updatedAt: row.run.updatedAt)).inserted else { continue }
                if filter.status == nil, row.run.status == .running, shownRuns.contains(row.run.id) { continue }
                if shownRuns.count > 100_000 { shownRuns.removeAll() }
                shownRuns.insert(row.run.id)
                try await print(row.run, store: store, config: config)
            }
            printed = printed.filter { $0.updatedAt >= cursor }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    private struct Seen: Hashable {
        var id: String
        var updatedAt: Double
    }

    private func print(_ run: RunRecord, store: any RunStore, config: RunnerConfig?) async throws {
        let flow = config?.flow(run.flow)
        if json {
            StandardOutput.write(RunJSON.run(run, attempts: try await store.attempts(run.id), includeEvent: false, flow: flow).serialized() + "\n")
            return
        }
        var line = "\(RunJSON.timestamp(run.createdAt))  \(run.id)  \(run.flow)  \(run.status.rawValue)"
        if run.status == .retrying { line += " (attempt \(run.attempt), next at \(RunJSON.timestamp(run.nextAt)))" }
        if let error = run.error { line += "  \(error)" }
        if let flow, flow.source.isFlowsOwn {
            let drifts = flow.source.driftCheck.drift(of: run.event)
            if !drifts.isEmpty {
                line += "  drift: " + drifts.prefix(3).map { "\($0.kind.rawValue) \($0.path)" }.joined(separator: ", ") + (drifts.count > 3 ? ", ..." : "")
            }
        }
        StandardOutput.write(line + "\n")
    }
}
