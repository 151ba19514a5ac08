import ArgumentParser

@main
struct Hookline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookline",
        abstract: "Integration mapping as code: schema inference, templates, connectors and a webhook runner.",
        version: HooklineVersion.current,
        subcommands: [
            SchemaCommand.self, TemplateCommand.self, MapCommand.self, ConnectorsCommand.self,
            ValidateCommand.self, TestCommand.self, RunCommand.self, LogsCommand.self, ReplayCommand.self,
            NewCommand.self,
        ]
    )
}

/// The version printed by `hookline --version`.
enum HooklineVersion {
    static let current = "0.1.0"
}
