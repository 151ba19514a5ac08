import Foundation

/// A child process left running while a test goes on (`hookline run`, `hookline logs --follow`):
/// its output collected by reader threads, stopped by ``stop()``, a signal, or when the value
/// goes away, so a failing test never leaves it running.
final class BackgroundProcess: @unchecked Sendable {
    let stdout = StreamCollector()
    let stderr = StreamCollector()
    private let process = Process()

    /// Starts `executable` with `arguments`, the test's environment plus `environment`.
    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        stdout.drain(out.fileHandleForReading)
        stderr.drain(err.fileHandleForReading)
    }

    var isRunning: Bool { process.isRunning }
    var processIdentifier: Int32 { process.processIdentifier }
    var terminationReason: Process.TerminationReason { process.terminationReason }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end; kills it and throws when it outlives `timeout`.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                stop()
                throw HarnessError("\(process.executableURL?.lastPathComponent ?? "the process") did not exit within \(timeout)\n\(stderr.text)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Kills the process (SIGKILL) and waits for it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
