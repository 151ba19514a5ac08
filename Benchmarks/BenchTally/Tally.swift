// What BenchServer and BenchSink count: POSTs, their bytes, the first and last arrival.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// The requests a benchmark server has seen; one lock, held for a few instructions per request.
public final class Tally: Sendable {
    private struct State {
        var requests = 0
        var bytes = 0
        var first: Double?
        var last: Double?
    }
    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Counts one POST of `bytes` bytes that arrived at `now` (``unixNow()``).
    public func record(bytes: Int, at now: Double) {
        state.withLockedValue { state in
            state.requests += 1
            state.bytes += bytes
            if state.first == nil { state.first = now }
            state.last = now
        }
    }

    /// Starts counting again (`POST /stats/reset`).
    public func reset() { state.withLockedValue { $0 = State() } }

    /// `{"requests":N,"bytes":B,"first":T0,"last":T1}` (`GET /stats`; T0/T1 null before the first POST).
    public func statsJSON() -> String {
        state.withLockedValue { state in
            "{\"requests\":\(state.requests),\"bytes\":\(state.bytes),\"first\":\(state.first.map { "\($0)" } ?? "null"),"
                + "\"last\":\(state.last.map { "\($0)" } ?? "null")}"
        }
    }
}

/// The wall clock in Unix seconds.
public func unixNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
