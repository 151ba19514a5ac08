import ArgumentParser

/// `hookline schema ...`: work with field schemas.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Infer field schemas from samples, or learn a flow's from its stored events.",
        subcommands: [InferCommand.self, LearnCommand.self]
    )
}
