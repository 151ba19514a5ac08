import ArgumentParser

/// `hookline schema ...`: work with field schemas.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Infer and convert field schemas.",
        subcommands: [InferCommand.self]
    )
}
