import ArgumentParser
import HooklineRuntime

/// `hookline validate CONFIG`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config without the network: keys, connectors, actions, connections, env vars, mappings."
    )

    @Argument(help: "The config file (YAML or JSON).")
    var config: String

    @Flag(help: "Treat every warning as an error (for CI): exit 1 if there is any, e.g. a mapping path an open source does not know.")
    var strict = false

    func run() async throws {
        let loaded = try ConfigLoading.load(config, strict: strict)
        let steps = loaded.flows.reduce(0) { $0 + $1.steps.count }
        StandardOutput.write("\(config): OK — \(loaded.flows.count) flow\(loaded.flows.count == 1 ? "" : "s"), \(steps) step\(steps == 1 ? "" : "s"), "
            + "\(loaded.connections.count) connection\(loaded.connections.count == 1 ? "" : "s")\n")
    }
}
