import ArgumentParser
import HooklineRuntime

/// `hookline replay RUN_ID | --failed [--flow F]`.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Queue failed runs again, from the step that failed, with fresh attempts.",
        discussion: "A running runner picks them up; otherwise the next 'hookline run' does."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The run id to replay.")
    var runID: String?

    @Flag(help: "Replay every failed run (of --flow).")
    var failed = false

    @Option(help: "With --failed: only this flow's runs.")
    var flow: String?

    func validate() throws {
        guard (runID != nil) != failed else { throw ValidationError("give a RUN_ID or --failed, not both and not neither") }
        if flow != nil, !failed { throw ValidationError("--flow goes with --failed") }
    }

    func run() async throws {
        let store = try await storeOptions.open()
        let replayed = try await store.replay(id: runID, flow: flow, now: WallClock.now)
        if let runID, replayed.isEmpty {
            let status = try await store.run(runID)?.status.rawValue
            throw CommandFailure.report("error: run \(runID) " + (status.map { "is \($0), not failed: only failed runs are replayed" } ?? "does not exist"))
        }
        for id in replayed { StandardOutput.write("replayed \(id)\n") }
        StandardOutput.write("\(replayed.count) run\(replayed.count == 1 ? "" : "s") queued again\n")
    }
}
