import ArgumentParser
import ConnectorKit
import HooklineRuntime

/// `hookline test CONFIG --flow F --event EVENT.json [--json]`.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a flow dry on one event: print each step's mapped input and exact HTTP requests (secrets redacted).",
        discussion: "Nothing is sent: every request is answered 200 {} so later steps run too. Exits 1 when a step fails."
    )

    @Argument(help: "The config file.")
    var config: String

    @Option(help: "The flow id.")
    var flow: String

    @Option(help: "The event, a JSON file ('-': standard input).")
    var event: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let loaded = try ConfigLoading.load(config)
        guard let selected = loaded.flow(flow) else {
            throw CommandFailure.report("error: no flow '\(flow)' in \(config) (flows: \(loaded.flows.map(\.id).joined(separator: ", ")))")
        }
        let eventValue: JSONValue
        do { eventValue = try InputFile.json(event) } catch { throw CommandFailure.report(error.description) }
        let report = await DryRun.run(selected, event: eventValue, config: loaded)
        if json {
            StandardOutput.write(report.json.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
        } else {
            StandardOutput.write(report.text)
        }
        if report.failed { throw ExitCode.failure }
    }
}
