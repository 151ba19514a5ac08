import ConnectorKit
import ConnectorTesting
import Foundation

/// A temporary directory holding one runner config and its SQLite store; removed when the
/// value goes away.
final class RunnerSandbox: @unchecked Sendable {
    let directory: URL
    let configPath: String
    let storePath: String

    /// The Iterable API key the configs read from `${ITERABLE_API_KEY}`; it must never show up
    /// in output, logs or the store.
    static let apiKey = "it-api-key-5f0c9a7e1b2d4c6f8a9b"
    static let environment = ["ITERABLE_API_KEY": apiKey]

    /// A sandbox in a new temporary directory, or in a new directory under `parent` (a small
    /// file system for the disk-full tests).
    init(config: String, in parent: URL? = nil) throws {
        if let parent {
            directory = parent.appendingPathComponent("hookline-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } else {
            directory = try CLIHarness.temporaryDirectory()
        }
        configPath = try CLIHarness.write(config, "hookline.yaml", in: directory)
        storePath = directory.appendingPathComponent("runs.sqlite").path
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts `hookline run` on this sandbox's config and store (with `Self.environment` plus `environment`).
    func start(environment: [String: String] = [:], arguments: [String] = [], adminToken: String? = RunnerProcess.defaultAdminToken) async throws -> RunnerProcess {
        try await RunnerProcess.start(config: configPath, store: storePath, environment: Self.environment.merging(environment) { _, new in new },
                                      arguments: arguments, adminToken: adminToken)
    }

    /// `hookline logs --store sqlite:STORE ARGS...`.
    func hooklineLogs(_ arguments: [String]) async throws -> CLIHarness.Result {
        try await CLIHarness.hookline(["logs", "--store", "sqlite:" + storePath] + arguments)
    }

    /// `hookline logs --json` parsed: one run per line, oldest first.
    func runLog(_ arguments: [String] = []) async throws -> [JSONValue] {
        let result = try await hooklineLogs(["--json", "--limit", "10000"] + arguments)
        guard result.status == 0 else { throw HarnessError("hookline logs failed: \(result.stderr)") }
        return try result.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// Every byte of the store files (database, WAL) as text, to look for secrets.
    func storeText() -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasPrefix("runs.sqlite") }.compactMap { name in
            FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
        }.map { String(decoding: $0, as: UTF8.self) }.joined()
    }
}

/// Configs for the runner tests: Iterable system webhooks tracked as Iterable events.
enum RunnerConfigs {
    /// One flow `opens` (system_webhook → track_event, step `track`) delivering to `sinkURL`.
    static func iterable(sinkURL: String, retry: String = "{attempts: 3, delaySeconds: 0.2}", workers: Int = 4,
                         leaseSeconds: Double = 20, timeoutSeconds: Double = 2,
                         maxBodyBytes: Int? = nil, verify: String? = nil, extraFlows: String = "") -> String {
        """
        server:
          adminToken: \(RunnerProcess.defaultAdminToken)
        \(maxBodyBytes.map { "  maxBodyBytes: \($0)" } ?? "")
        delivery:
          pollSeconds: 0.05
          leaseSeconds: \(leaseSeconds)
          workers: \(workers)
        connections:
          iterable:
            connector: iterable
            apiKey: ${ITERABLE_API_KEY}
            baseURL: \(sinkURL)
        flows:
          opens:
            trigger:
              connector: iterable
              trigger: system_webhook
        \(verify.map { "      verify: \($0)" } ?? "")
            steps:
              - id: track
                connector: iterable
                action: track_event
                connection: iterable
                timeoutSeconds: \(timeoutSeconds)
                retry: \(retry)
                mapping:
                  email: "{{email}}"
                  eventName: "webhook_{{eventName}}"
                  dataFields: {path: dataFields}
        \(extraFlows)
        """
    }

    /// A system webhook event (`emailOpen`) numbered `n` (in `dataFields.n` and the message id).
    /// `padding` adds a `dataFields.padding` member (for size limits).
    static func event(_ n: Int, email: String = "ana@example.com", padding: String? = nil) -> JSONValue {
        var dataFields = JSONObject([
            ("email", .string(email)),
            ("createdAt", "2026-06-10 14:02:11 +00:00"),
            ("campaignId", 5123456),
            ("messageId", .string("msg-\(n)")),
            ("n", .integer(Int64(n))),
        ])
        if let padding { dataFields["padding"] = .string(padding) }
        return ["email": .string(email), "eventName": "emailOpen", "dataFields": .object(dataFields)]
    }

    /// The exact body `track_event` sends for ``event(_:email:)``.
    static func trackBody(_ n: Int, email: String = "ana@example.com") -> JSONValue {
        ["eventName": "webhook_emailOpen", "email": .string(email), "dataFields": event(n, email: email)["dataFields"]!]
    }

    /// An ingest-only runner (`delivery.workers: 0`, so nothing is sent) whose steps may use the
    /// webhook connection `crm`; `flows` is the text under `flows:`, written from column 0.
    static func ingestOnly(flows: String) -> String {
        """
        server:
          adminToken: \(RunnerProcess.defaultAdminToken)
        delivery:
          workers: 0
        connections:
          crm: {connector: webhook, baseURL: "http://127.0.0.1:9"}
        flows:

        """ + flows.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    /// Iterable's success answer.
    static let success = CannedResponse.json(200, ["msg": "", "code": "Success"])
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

extension RunnerProcess {
    /// `GET /api/runs/{id}` (with attempts), once the run has left the queue for good.
    func finishedRun(_ id: String, timeout: Duration = .seconds(10)) async throws -> JSONValue {
        var last: JSONValue?
        let finished = try await eventually(timeout: timeout) {
            last = try await api("runs/\(id)").json
            let status = last?["status"]?.stringValue
            return status == "succeeded" || status == "failed"
        }
        guard finished, let last else { throw HarnessError("run \(id) did not finish: \(last?.serialized() ?? "no answer")") }
        return last
    }
}

extension RecordedRequest {
    /// `dataFields.n` of a tracked event.
    var eventNumber: Int? {
        if case .integer(let n)? = json?["dataFields"]?["n"] { return Int(n) }
        return nil
    }
}

/// Seconds since 1970 of an RFC 3339 timestamp with fractional seconds.
func unixTime(_ timestamp: JSONValue?) -> Double? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return timestamp?.stringValue.flatMap(formatter.date(from:))?.timeIntervalSince1970
}
