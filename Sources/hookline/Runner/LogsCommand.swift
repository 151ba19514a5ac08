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
        let store = try storeOptions.open()
        let filter = RunFilter(flow: flow, status: status.flatMap(RunStatus.init), limit: limit)
        if follow, filter.status != nil { return try await followStatus(filter, store: store) }
        let rows = try await store.runs(filter)
        for row in rows.reversed() { try await print(row.run, store: store) }
        guard follow else { return }
        var after = rows.first?.sequence ?? 0
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(500))
            var next = filter
            next.after = after
            next.limit = 1000
            for row in try await store.runs(next) {
                try await print(row.run, store: store)
                after = max(after, row.sequence)
            }
        }
    }

    /// Follows runs as they reach the filter's status. Runs change status in any order (an old
    /// run may fail after a newer one), so this watches what matches, not new sequence numbers;
    /// a run that reaches the status again later (failed, replayed, failed) is printed again.
    /// The first listing and what counts as seen come from one query, so nothing that changes
    /// in between is missed.
    private func followStatus(_ filter: RunFilter, store: any RunStore) async throws {
        var recent = filter
        recent.limit = max(filter.limit, 1000)
        let first = try await store.runs(recent)
        var seen = Set(first.map { Seen(id: $0.run.id, updatedAt: $0.run.updatedAt) })
        for row in first.prefix(filter.limit).reversed() { try await print(row.run, store: store) }
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(500))
            let rows = try await store.runs(recent)
            for row in rows.reversed() where seen.insert(Seen(id: row.run.id, updatedAt: row.run.updatedAt)).inserted {
                try await print(row.run, store: store)
            }
        }
    }

    private struct Seen: Hashable {
        var id: String
        var updatedAt: Double
    }

    private func print(_ run: RunRecord, store: any RunStore) async throws {
        if json {
            StandardOutput.write(RunJSON.run(run, attempts: try await store.attempts(run.id)).serialized() + "\n")
            return
        }
        var line = "\(RunJSON.timestamp(run.createdAt))  \(run.id)  \(run.flow)  \(run.status.rawValue)"
        if run.status == .retrying { line += " (attempt \(run.attempt), next at \(RunJSON.timestamp(run.nextAt)))" }
        if let error = run.error { line += "  \(error)" }
        StandardOutput.write(line + "\n")
    }
}
