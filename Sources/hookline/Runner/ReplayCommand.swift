import ArgumentParser
import HooklineRuntime

/// `hookline replay RUN_ID | --failed [--flow F]`.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Queue failed runs again, from the step that failed, with fresh attempts.",
        discussion: """
            A running runner picks them up; otherwise the next 'hookline run' does. With --failed on a \
            terminal, a progress line on stderr counts the runs replayed (--no-progress hides it).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The run id to replay.")
    var runID: String?

    @Flag(help: "Replay every failed run (of --flow).")
    var failed = false

    @Option(help: "With --failed: only this flow's runs.")
    var flow: String?

    @OptionGroup var progressOptions: ProgressOptions

    /// `--failed` replays this many runs per transaction (and progress step).
    static let batchSize = 500

    func validate() throws {
        guard (runID != nil) != failed else { throw ValidationError("give a RUN_ID or --failed, not both and not neither") }
        if flow != nil, !failed { throw ValidationError("--flow goes with --failed") }
    }

    func run() async throws {
        let store = try await storeOptions.open()
        let replayed = if failed {
            try await replayFailed(store)
        } else {
            try await store.replay(id: runID, flow: nil, now: WallClock.now)
        }
        if let runID, replayed.isEmpty {
            let status = try await store.run(runID)?.status.rawValue
            throw CommandFailure.report("error: run \(runID) " + (status.map { "is \($0), not failed: only failed runs are replayed" } ?? "does not exist"))
        }
        for id in replayed { StandardOutput.write("replayed \(id)\n") }
        StandardOutput.write("\(replayed.count) run\(replayed.count == 1 ? "" : "s") queued again\n")
    }

    /// Every failed run (of `--flow`), in batches, with a progress line on a terminal.
    private func replayFailed(_ store: any RunStore) async throws -> [String] {
        let progress = progressOptions.reporter("replay", unit: .items(singular: "run", plural: "runs"))
        defer { progress.finish() }
        let ids = try await store.failedRunIDs(flow: flow)
        progress.setTotal(ids.count)
        var replayed: [String] = []
        for start in stride(from: 0, to: ids.count, by: Self.batchSize) {
            let batch = Array(ids[start..<min(start + Self.batchSize, ids.count)])
            replayed += try await store.replay(ids: batch, now: WallClock.now)
            progress.advance(by: batch.count)
        }
        return replayed
    }
}
