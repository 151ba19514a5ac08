import ArgumentParser

/// `hookline schema ...`: work with field schemas.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Infer field schemas from samples, learn a flow's from its stored events, and report drift.",
        subcommands: [InferCommand.self, LearnCommand.self, DriftCommand.self]
    )
}
