import ConnectorKit

/// Turns a config document into a ``RunnerConfig``, collecting every problem in `reader`.
struct ConfigLoader {
    let file: String
    let registry: ConnectorRegistry
    var reader: ConfigReader
    var secrets: [Secret] = []
    /// Connections defined with errors (already reported): steps naming them add no error of their own.
    var brokenConnections: Set<String> = []

    static let topLevelKeys = ["server", "delivery", "retention", "connections", "flows"]
    static let serverKeys = ["listen", "maxBodyBytes", "adminToken", "store"]
    static let deliveryKeys = ["workers", "leaseSeconds", "pollSeconds"]
    static let retentionKeys = ["succeededDays", "failedDays"]

    init(file: String, registry: ConnectorRegistry, reader: ConfigReader) {
        self.file = file
        self.registry = registry
        self.reader = reader
    }

    mutating func load(_ raw: JSONValue, environment: [String: String]) -> RunnerConfig? {
        var missing: [(pointer: String, name: String)] = []
        var used = Set<String>()
        let document = EnvironmentSubstitution.apply(raw, environment: environment, missing: &missing, used: &used)
        for (pointer, name) in missing {
            reader.error("the environment variable \(name) is not set", at: pointer, hint: "export \(name)=... before starting, or write the value inline")
        }
        guard let root = reader.object(document, at: "", what: "the config") else { return nil }
        reader.rejectUnknownKeys(root, known: Self.topLevelKeys, at: "", what: "the config")
        var settings = RunnerSettings()
        readServer(root["server"], into: &settings)
        readDelivery(root["delivery"], into: &settings)
        readRetention(root["retention"], into: &settings)
        let connections = readConnections(root["connections"])
        let flows = readFlows(root["flows"], connections: connections, settings: settings)
        if let adminToken = settings.adminToken { secrets.append(Secret(adminToken)) }
        return RunnerConfig(file: file, settings: settings, connections: connections, flows: flows, secrets: secrets,
                            warnings: reader.diagnostics.filter { $0.severity != .error })
    }

    private mutating func readServer(_ value: JSONValue?, into settings: inout RunnerSettings) {
        guard let server = reader.object(value, at: "/server", what: "server") else { return }
        reader.rejectUnknownKeys(server, known: Self.serverKeys, at: "/server", what: "server")
        if let listen = server["listen"], let text = reader.string(listen, at: "/server/listen") {
            if ListenAddress(text) == nil {
                reader.error("listen must be HOST:PORT, found '\(text)'", at: "/server/listen", hint: "e.g. 127.0.0.1:8080")
            } else {
                settings.listen = text
            }
        }
        if let bytes = reader.number(server, "maxBodyBytes", at: "/server", in: 1024...(64 * 1024 * 1024)) { settings.maxBodyBytes = Int(bytes) }
        if let token = server["adminToken"], let text = reader.string(token, at: "/server/adminToken") {
            if text.count < 16 {
                reader.error("adminToken is too short to protect personal data", at: "/server/adminToken", hint: "use at least 16 random characters")
            }
            settings.adminToken = text
        }
        if let store = server["store"], let text = reader.string(store, at: "/server/store") {
            switch StoreLocation(text) {
            case nil:
                reader.error("store must be sqlite:PATH or postgres://USER@HOST[:PORT]/DATABASE, found '\(PostgresLocation.redact(text))'", at: "/server/store")
            case .postgres(let url)?:
                // Checked here too, so `hookline validate` catches what `run` would refuse.
                do {
                    _ = try PostgresLocation(url: url)
                    settings.store = text
                } catch let problem as PostgresLocation.Problem {
                    reader.error(problem.reason, at: "/server/store")
                } catch {
                    reader.error("\(error)", at: "/server/store")
                }
            case .sqlite?:
                settings.store = text
            }
        }
    }

    private mutating func readDelivery(_ value: JSONValue?, into settings: inout RunnerSettings) {
        guard let delivery = reader.object(value, at: "/delivery", what: "delivery") else { return }
        reader.rejectUnknownKeys(delivery, known: Self.deliveryKeys, at: "/delivery", what: "delivery")
        if let workers = reader.number(delivery, "workers", at: "/delivery", in: 0...1024) { settings.workers = Int(workers) }
        if let lease = reader.number(delivery, "leaseSeconds", at: "/delivery", in: 5...86400) { settings.leaseSeconds = lease }
        if let poll = reader.number(delivery, "pollSeconds", at: "/delivery", in: 0.01...60) { settings.pollSeconds = poll }
    }

    private mutating func readRetention(_ value: JSONValue?, into settings: inout RunnerSettings) {
        guard let retention = reader.object(value, at: "/retention", what: "retention") else { return }
        reader.rejectUnknownKeys(retention, known: Self.retentionKeys, at: "/retention", what: "retention")
        // 0 keeps runs forever; a day is the unit, fractions from an hour up; 100 years is the ceiling.
        if let days = retentionDays(retention, "succeededDays") { settings.retention.succeededDays = days }
        if let days = retentionDays(retention, "failedDays") { settings.retention.failedDays = days }
    }

    private mutating func retentionDays(_ retention: JSONObject, _ key: String) -> Double? {
        guard let days = reader.number(retention, key, at: "/retention", in: 0...36_500) else { return nil }
        guard days == 0 || days >= RetentionPolicy.shortestDays else {
            reader.error("'\(key)' of \(days) days would delete finished runs before anyone could look at them",
                         at: "/retention/\(key)", hint: "use at least 0.042 (an hour), or 0 to keep them")
            return nil
        }
        return days
    }
}
