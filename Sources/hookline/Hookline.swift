import ArgumentParser

@main
struct Hookline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookline",
        abstract: "Integration mapping as code: schema inference, templates, connectors and a webhook runner.",
        version: "0.1.0",
        subcommands: []
    )
}
