import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// Several `hookline run` processes on one PostgreSQL database (`HOOKLINE_TEST_POSTGRES_URL`,
/// see `.ci/postgres.sh`; required when `HOOKLINE_REQUIRE_POSTGRES=1`).
@Suite("hookline run: several runners on PostgreSQL", .serialized,
       .enabled(if: PostgresServer.enabled, "set HOOKLINE_TEST_POSTGRES_URL (source .ci/postgres.sh)"))
struct RunnerPostgresTests {
    @Test("3 runners, one SIGKILLed under load: every event answered 202 is delivered, repeats only for its steps in flight")
    func threeRunnersOneKilled() async throws {
        try await PostgresServer.withDatabase { storeURL in
            try await withSink { sink in
                sink.setFallback(RunnerConfigs.success.delayed(by: .milliseconds(30)))
                let workers = 4
                let sandbox = try RunnerSandbox(config: RunnerConfigs.iterable(sinkURL: sink.baseURL, workers: workers, leaseSeconds: 5, timeoutSeconds: 0.5))
                var runners: [RunnerProcess] = []
                for _ in 0..<3 {
                    runners.append(try await RunnerProcess.start(config: sandbox.configPath, storeLocation: storeURL, environment: RunnerSandbox.environment))
                }
                let total = 300
                let (victim, survivors) = (runners[0], Array(runners[1...]))

                // Post round-robin, all at once; kill runner 0 when half are in and deliveries are under way.
                let accepted = try await postWithACrash(total: total, to: runners, killing: victim, sink: sink, workers: workers)
                #expect(victim.terminationReason == .uncaughtSignal)
                #expect(accepted.count >= total / 2)
                #expect(Set(accepted.keys.map { $0 % 3 }) == [0, 1, 2], "every runner accepted events")

                // The survivors deliver everything, the victim's leased runs once its 5 s leases ran out.
                let allDelivered = try await eventually(timeout: .seconds(40)) {
                    Set(sink.requests.compactMap(\.eventNumber)).isSuperset(of: accepted.keys)
                }
                #expect(allDelivered, "missing: \(Set(accepted.keys).subtracting(sink.requests.compactMap(\.eventNumber)).sorted())")
                let logs = { try await CLIHarness.hookline(["logs", "--store", storeURL, "--json", "--limit", "10000"]) }
                let settled = try await eventually(timeout: .seconds(20)) {
                    let result = try await logs()
                    return result.status == 0 && result.stdout.split(separator: "\n").allSatisfy { $0.contains("\"status\":\"succeeded\"") }
                }
                #expect(settled)
                for survivor in survivors { #expect(try await survivor.terminate() == 0, "\(survivor.stderr.text)") }

                let requests = sink.requests
                var keysByNumber: [Int: Set<String>] = [:]
                for request in requests {
                    guard let n = request.eventNumber else { continue }
                    keysByNumber[n, default: []].insert(request.headers["Idempotency-Key"] ?? "none")
                    #expect(request.json == RunnerConfigs.trackBody(n))
                }
                for (n, runID) in accepted {
                    #expect(keysByNumber[n] == ["\(runID):track"], "event \(n): one run, one key")
                }
                // A repeat is a recorded retry (a timeout under load, say), or a delivery the killed
                // runner made but had not saved: a step in flight per worker, plus the progress
                // writer's batch being committed and the saves waiting for the next one (at most
                // `DeliveryService.ahead(workers:)` = max(256, 4 × workers) each; README, "What is
                // guaranteed"). Either way it carries the same Idempotency-Key, at most once unrecorded.
                let runs = try await logs().stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
                #expect(runs.count == keysByNumber.count, "a run for each event stored, no more")
                var recordedAttempts: [String: Int] = [:]
                for run in runs {
                    guard let id = run["id"]?.stringValue else { continue }
                    recordedAttempts["\(id):track"] = run["attempts"]?.arrayValue?.count ?? 0
                }
                let deliveriesByKey = Dictionary(grouping: requests) { $0.headers["Idempotency-Key"] ?? "none" }
                var unrecorded: [String] = []
                for (key, deliveries) in deliveriesByKey {
                    let attempts = recordedAttempts[key] ?? 0
                    #expect(deliveries.count <= attempts + 1, "\(key): \(deliveries.count) deliveries, \(attempts) recorded attempts")
                    if deliveries.count > attempts { unrecorded.append(key) }
                }
                #expect(unrecorded.count <= workers + 2 * max(256, 4 * workers), "deliveries without a recorded attempt: \(unrecorded.sorted())")
                print("postgres crash: accepted \(accepted.count), deliveries \(requests.count), delivered but not recorded at the kill \(unrecorded.count)")
            }
        }
    }
}

/// The PostgreSQL server of these tests, and a fresh database per test (made with `psql`).
enum PostgresServer {
    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["HOOKLINE_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    static var enabled: Bool { url != nil || ProcessInfo.processInfo.environment["HOOKLINE_REQUIRE_POSTGRES"] == "1" }

    /// Creates a uniquely named database, runs `body` with its URL, then drops it.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let serverURL = url, var components = URLComponents(string: serverURL) else {
            throw HarnessError("HOOKLINE_REQUIRE_POSTGRES=1 but HOOKLINE_TEST_POSTGRES_URL is not set: start a server with `source .ci/postgres.sh`")
        }
        let name = "hookline_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await psql(serverURL, "CREATE DATABASE \(name)")
        components.path = "/" + name
        if components.queryItems == nil { components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")] }
        do {
            let result = try await body(components.string ?? serverURL)
            try? await psql(serverURL, "DROP DATABASE \(name) WITH (FORCE)")
            return result
        } catch {
            try? await psql(serverURL, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
    }

    static func psql(_ serverURL: String, _ sql: String) async throws {
        let result = try await CLIHarness.run(URL(fileURLWithPath: "/usr/bin/env"), ["psql", serverURL, "-v", "ON_ERROR_STOP=1", "-qc", sql])
        guard result.status == 0 else { throw HarnessError("psql \(sql): \(result.stderr)") }
    }
}
