import ConnectorKit
import ConnectorTesting
import Foundation
import Testing

/// Posts events `0..<total` all at once, round-robin over `runners`, and SIGKILLs `victim` once
/// half are accepted and the sink has seen `workers` deliveries. Returns the accepted events'
/// run ids by event number (posts cut off by the kill are left out).
func postWithACrash(total: Int, to runners: [RunnerProcess], killing victim: RunnerProcess, sink: LoopbackServer,
                    workers: Int) async throws -> [Int: String] {
    try await postWithACrash(numbers: 0..<total, to: runners, killing: victim, sink: sink, workers: workers)
}

/// Posts events `numbers` all at once, round-robin over `runners`, and SIGKILLs `victim` once
/// half are accepted and the sink has seen `workers` more deliveries than before the call (so it
/// can run round after round against one sink). Returns the accepted events' run ids by event
/// number (posts cut off by the kill are left out).
func postWithACrash(numbers: Range<Int>, to runners: [RunnerProcess], killing victim: RunnerProcess, sink: LoopbackServer,
                    workers: Int) async throws -> [Int: String] {
    let acceptedCount = Counter()
    return try await withThrowingTaskGroup(of: (Int, String?).self) { group in
        let deliveredBefore = sink.requests.count
        for n in numbers {
            let runner = runners[n % runners.count]
            group.addTask {
                guard let reply = try? await runner.post("opens", event: RunnerConfigs.event(n)), reply.status == 202 else { return (n, nil) }
                acceptedCount.increment()
                return (n, reply.json?["runId"]?.stringValue)
            }
        }
        group.addTask {
            let loaded = try await eventually(timeout: .seconds(30)) {
                acceptedCount.value >= numbers.count / 2 && sink.requests.count >= deliveredBefore + workers
            }
            #expect(loaded, "the load never built up")
            try await victim.crash()
            return (-1, nil)
        }
        var accepted: [Int: String] = [:]
        for try await (n, runID) in group {
            // Posts still waiting for a connection to the dead runner would wait out their timeout.
            if n < 0 { group.cancelAll() }
            if let runID { accepted[n] = runID }
        }
        return accepted
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
