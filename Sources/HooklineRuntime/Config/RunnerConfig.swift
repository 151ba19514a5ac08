import ConnectorKit
import Foundation

/// A loaded, checked config: settings, named connections and compiled flows.
///
/// Load one with ``load(path:registry:environment:)``: every problem that can be found without
/// the network is reported at once, each at `FILE:LINE:COLUMN (/pointer)`.
public struct RunnerConfig: Sendable {
    public let file: String
    public let settings: RunnerSettings
    public let connections: [String: ConfiguredConnection]
    /// In file order.
    public let flows: [Flow]
    /// Every secret the config holds (credentials, verification secrets, the admin token),
    /// for redaction.
    public let secrets: [Secret]
    /// Redaction of ``secrets``, prepared once (applied to every recorded request and error).
    public let redactor: Redactor
    /// Secrets learned while running (OAuth access tokens, credentials sent): redacted like ``secrets``.
    public let runtimeSecrets: RuntimeSecrets
    /// Problems that don't stop the runner (sources that may be absent, ...).
    public let warnings: [Diagnostic]

    /// The flow `id`.
    public func flow(_ id: String) -> Flow? { flows.first { $0.id == id } }

    /// Reads and checks the YAML or JSON config at `path`.
    public static func load(path: String, registry: ConnectorRegistry,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> RunnerConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError([Diagnostic(.error, FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file", at: path)])
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path, registry: registry, environment: environment)
    }

    /// Checks config `text` (from `file`, for locations).
    public static func parse(_ text: String, file: String, registry: ConnectorRegistry,
                             environment: [String: String]) throws(ConfigError) -> RunnerConfig {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(text, file: file)
        } catch {
            throw ConfigError([Diagnostic(.error, error.description, at: nil)])
        }
        var loader = ConfigLoader(file: file, registry: registry, reader: ConfigReader(locations: document.locations))
        let config = loader.load(document.value, environment: environment)
        let errors = loader.reader.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let config else { throw ConfigError(errors) }
        return config
    }

    init(file: String, settings: RunnerSettings, connections: [String: ConfiguredConnection], flows: [Flow], secrets: [Secret], warnings: [Diagnostic]) {
        self.file = file
        self.settings = settings
        self.connections = connections
        self.flows = flows
        self.secrets = secrets
        redactor = Redactor(secrets: secrets)
        runtimeSecrets = RuntimeSecrets(known: secrets)
        self.warnings = warnings
    }
}

/// A config that cannot run, with every problem found.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
