import ConnectorKit
import Foundation
import HooklineHTTP

/// A real `hookline run` process for end-to-end tests: started on a config and a SQLite store,
/// listening on 127.0.0.1 and a free port, stopped with SIGTERM (graceful) or SIGKILL (crash).
///
/// The process is killed when the value goes away, so a failing test never leaves it running.
final class RunnerProcess: @unchecked Sendable {
    /// What `hookline run` printed, collected by a reader thread per stream.
    var stdout: StreamCollector { process.stdout }
    var stderr: StreamCollector { process.stderr }
    /// `http://127.0.0.1:PORT`.
    let baseURL: String
    let port: Int
    private let process: BackgroundProcess
    private let adminToken: String?

    /// The admin token the runner configs of these tests use.
    static let defaultAdminToken = "admin-token-0123456789abcdef"

    /// Starts `hookline run CONFIG --listen 127.0.0.1:0 --store sqlite:STORE ARGUMENTS...` and
    /// waits for its "listening on" line.
    static func start(config: String, store: String, environment: [String: String] = [:], arguments: [String] = [],
                      adminToken: String? = defaultAdminToken, timeout: Duration = .seconds(30)) async throws -> RunnerProcess {
        try await start(config: config, storeLocation: "sqlite:" + store, environment: environment, arguments: arguments,
                        adminToken: adminToken, timeout: timeout)
    }

    /// Starts `hookline run CONFIG --listen 127.0.0.1:0 --store LOCATION ARGUMENTS...` (any store,
    /// e.g. a `postgres://` URL) and waits for its "listening on" line.
    static func start(config: String, storeLocation: String, environment: [String: String] = [:], arguments: [String] = [],
                      adminToken: String? = defaultAdminToken, timeout: Duration = .seconds(30)) async throws -> RunnerProcess {
        let process = try BackgroundProcess(CLIHarness.hooklineBinary,
                                            ["run", config, "--listen", "127.0.0.1:0", "--store", storeLocation] + arguments,
                                            environment: environment)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let port = listeningPort(in: process.stdout.text) {
                return RunnerProcess(process: process, port: port, adminToken: adminToken)
            }
            if !process.isRunning || ContinuousClock.now > deadline {
                process.stop()
                throw HarnessError("hookline run did not start:\n\(process.stdout.text)\n\(process.stderr.text)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    private init(process: BackgroundProcess, port: Int, adminToken: String?) {
        self.process = process
        self.port = port
        self.baseURL = "http://127.0.0.1:\(port)"
        self.adminToken = adminToken
    }

    /// The port in `hookline: listening on http://127.0.0.1:PORT — flows: ...`.
    static func listeningPort(in output: String) -> Int? {
        guard let range = output.range(of: "hookline: listening on http://127.0.0.1:") else { return nil }
        let digits = output[range.upperBound...].prefix { $0.isNumber }
        guard output[range.upperBound...].dropFirst(digits.count).hasPrefix(" — flows: ") else { return nil }
        return Int(digits)
    }

    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }

    // MARK: - Stopping

    /// Sends SIGTERM and waits for the exit status (SIGKILL and a thrown error after `timeout`).
    @discardableResult
    func terminate(timeout: Duration = .seconds(10)) async throws -> Int32 {
        process.send(SIGTERM)
        return try await waitForExit(timeout: timeout)
    }

    /// Kills the process at once (a crash: nothing is flushed or released).
    func crash() async throws {
        process.send(SIGKILL)
        _ = try await waitForExit(timeout: .seconds(10))
    }

    /// Waits for the process to end; kills it and throws when it outlives `timeout`.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        try await process.waitForExit(timeout: timeout)
    }

    var terminationReason: Process.TerminationReason { process.terminationReason }

    // MARK: - HTTP

    /// An answer of the runner: status and JSON body.
    struct Reply: Sendable {
        var status: Int
        var json: JSONValue?
        var text: String
    }

    private static let transport = HTTPClientTransport()

    /// POSTs `body` to `/hooks/FLOW`.
    func post(_ flow: String, body: [UInt8], contentType: String? = "application/json", headers: HTTPHeaders = [:]) async throws -> Reply {
        var headers = headers
        if let contentType { headers.replace("Content-Type", contentType) }
        return try await send(HTTPRequest(method: .post, url: "\(baseURL)/hooks/\(flow)", headers: headers, body: body))
    }

    /// POSTs `event` as JSON to `/hooks/FLOW`.
    func post(_ flow: String, event: JSONValue, headers: HTTPHeaders = [:]) async throws -> Reply {
        try await post(flow, body: Array(event.serialized().utf8), headers: headers)
    }

    /// GET (or POST) `/api/PATH` with the admin token.
    func api(_ path: String, method: HTTPMethod = .get, token: String? = nil) async throws -> Reply {
        var headers = HTTPHeaders()
        if let token = token ?? adminToken { headers.replace("Authorization", "Bearer " + token) }
        return try await send(HTTPRequest(method: method, url: "\(baseURL)/api/\(path)", headers: headers))
    }

    func send(_ request: HTTPRequest) async throws -> Reply {
        let response = try await Self.transport.send(request, timeout: .seconds(15))
        return Reply(status: response.status, json: response.json, text: response.bodyText)
    }
}

/// Collects what a child process writes to one stream, read on its own thread so the child
/// never blocks on a full pipe.
final class StreamCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    /// Reads `handle` to its end on a background thread.
    func drain(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.withLock { data.append(chunk) }
            }
        }
        thread.start()
    }

    /// Everything read so far.
    var text: String {
        lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
