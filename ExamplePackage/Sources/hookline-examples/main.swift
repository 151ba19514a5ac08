import ChatterConnector
import ConnectorKit
import Foundation
import HooklineConnectors
import HooklineRuntime
import Logging

/// `hookline-examples CONFIG [HOST:PORT]`: the Hookline runner with the built-in connectors and
/// this package's Chatter connector, serving the config's flows until SIGTERM or SIGINT.
///
/// A third-party main needs only public API: a registry, `RunnerConfig.load`,
/// `Runner.openStore` and `Runner.run`.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

let registry = BuiltInConnectors.registry(adding: [ChatterConnector()])

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first, arguments.count <= 2 else {
    printError("usage: hookline-examples CONFIG [HOST:PORT]   (e.g. ExamplePackage/config/iterable-bounces-to-chatter.yaml)\n")
    exit(2)
}

let config: RunnerConfig
do {
    config = try RunnerConfig.load(path: path, registry: registry)
} catch {
    printError(error.description + "\n")
    exit(1)
}
for warning in config.warnings { printError("\(warning)\n") }

guard let listen = ListenAddress(arguments.dropFirst().first ?? config.settings.listen) else {
    printError("error: the listen address must be HOST:PORT\n")
    exit(2)
}
LoggingSystem.bootstrap(StreamLogHandler.standardError)
let store = try await Runner.openStore(config.settings.store)
try await Runner.run(config: config, store: store, listen: listen, logger: Logger(label: "hookline-examples")) { bound in
    print("hookline-examples: listening on http://\(bound) — flows: \(config.flows.map(\.id).joined(separator: ", "))")
}
