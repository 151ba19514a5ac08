import ArgumentParser
import ConnectorKit
import HooklineConnectors
import HooklineRuntime

/// Loading a config with the built-in connectors; problems go to stderr as `FILE:LINE:COLUMN` diagnostics.
enum ConfigLoading {
    /// The config at `path`; with `strict`, any warning fails it like an error.
    static func load(_ path: String, strict: Bool = false) throws -> RunnerConfig {
        let config: RunnerConfig
        do {
            config = try RunnerConfig.load(path: path, registry: BuiltInConnectors.registry)
        } catch {
            StandardError.write(error.description + "\n")
            StandardError.write("\(path): \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s")\n")
            throw ExitCode.failure
        }
        guard strict, !config.warnings.isEmpty else {
            for warning in config.warnings { StandardError.write("\(warning)\n") }
            return config
        }
        for warning in config.warnings {
            var error = warning
            error.severity = .error
            StandardError.write("\(error)\n")
        }
        StandardError.write("\(path): \(config.warnings.count) error\(config.warnings.count == 1 ? "" : "s") (warnings, with --strict)\n")
        throw ExitCode.failure
    }
}

/// `--store` with the config's and the built-in default behind it.
struct StoreOptions: ParsableArguments {
    @Option(help: "The run store: sqlite:PATH or postgres://USER@HOST/DATABASE (default: the config's server.store, else sqlite:hookline.sqlite).")
    var store: String?

    @Option(help: "A config whose server.store to use.")
    var config: String?

    func validate() throws {
        if let store, StoreLocation(store) == nil { throw ValidationError("--store must be sqlite:PATH or postgres://..., found '\(PostgresLocation.redact(store))'") }
    }

    func open() async throws -> any RunStore {
        try await open(loaded: nil)
    }

    /// The store, with `loaded` as the already loaded `--config` (not read a second time).
    func open(loaded: RunnerConfig?) async throws -> any RunStore {
        var location = store
        if location == nil, let config { location = try (loaded ?? ConfigLoading.load(config)).settings.store }
        do {
            return try await Runner.openStore(location ?? RunnerSettings().store)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
    }
}
