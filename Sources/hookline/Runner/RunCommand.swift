import ArgumentParser
import HooklineRuntime
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hookline run CONFIG [--listen HOST:PORT] [--store sqlite:PATH]`.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Serve webhooks and deliver them: POST /hooks/{flow}, GET /healthz, /metrics, /api/*.",
        discussion: """
            Every accepted webhook is stored durably before the 202; delivery retries by each step's policy. \
            SIGTERM or SIGINT stops accepting, finishes the steps in flight and releases the rest; a restart \
            resumes every unfinished run. Flags override the config's server section.
            """
    )

    @Argument(help: "The config file.")
    var config: String

    @Option(help: "HOST:PORT to listen on (port 0 picks a free one).")
    var listen: String?

    @Option(help: "The run store: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var store: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        if let listen, ListenAddress(listen) == nil { throw ValidationError("--listen must be HOST:PORT, found '\(listen)'") }
        if let store, StoreLocation(store) == nil {
            throw ValidationError("--store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE, found '\(PostgresLocation.redact(store))'")
        }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
    }

    func run() async throws {
        // A file-size limit (`ulimit -f`, systemd's LimitFSIZE) reached by the store then fails
        // that write like a full disk (the sender gets 503, the runner serves on) instead of
        // killing the process.
        signal(SIGXFSZ, SIG_IGN)
        let loaded = try ConfigLoading.load(config)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in TextLogHandler(label: label, level: level) }
        let logger = Logger(label: "hookline")
        let address = ListenAddress(listen ?? loaded.settings.listen) ?? ListenAddress("127.0.0.1:8080")!
        let runStore: any RunStore
        do {
            runStore = try await Runner.openStore(store ?? loaded.settings.store)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
        let flows = loaded.flows.map(\.id).joined(separator: ", ")
        try await Runner.run(config: loaded, store: runStore, listen: address, logger: logger) { bound in
            StandardOutput.write("hookline: listening on http://\(bound) — flows: \(flows)\n")
        }
    }
}
