import NIOConcurrencyHelpers

/// Idle keep-alive connections per endpoint, most recently used first out. Connections in use are
/// not tracked: callers bound how many run at once, the pool bounds how many stay open idle.
final class HTTP1ConnectionPool: Sendable {
    private struct State {
        var idle: [HTTP1Endpoint: [HTTP1Connection]] = [:]
        var isShutDown = false
    }

    private let state = NIOLockedValueBox(State())
    private let maxIdlePerEndpoint: Int

    init(maxIdlePerEndpoint: Int) {
        self.maxIdlePerEndpoint = max(1, maxIdlePerEndpoint)
    }

    /// An open idle connection to `endpoint`, if there is one (closed ones found on the way are dropped).
    func take(_ endpoint: HTTP1Endpoint) -> HTTP1Connection? {
        state.withLockedValue { state in
            while let connection = state.idle[endpoint]?.popLast() {
                if connection.isOpen { return connection }
            }
            return nil
        }
    }

    /// Keeps `connection` for reuse, or closes it when the endpoint has enough idle ones (or the
    /// pool was shut down).
    func put(_ connection: HTTP1Connection) {
        let kept = state.withLockedValue { state in
            guard !state.isShutDown else { return false }
            return Self.keep(connection, in: &state.idle[connection.endpoint, default: []], limit: maxIdlePerEndpoint)
        }
        if !kept { connection.close() }
    }

    private static func keep(_ connection: HTTP1Connection, in list: inout [HTTP1Connection], limit: Int) -> Bool {
        if list.count >= limit { list.removeAll { !$0.isOpen } }
        guard list.count < limit else { return false }
        list.append(connection)
        return true
    }

    /// Forgets `connection` (it closed); an endpoint left without idle connections is dropped.
    func remove(_ connection: HTTP1Connection) {
        state.withLockedValue { state in
            guard var list = state.idle.removeValue(forKey: connection.endpoint) else { return }
            list.removeAll { $0 === connection }
            if !list.isEmpty { state.idle[connection.endpoint] = list }
        }
    }

    /// Closes the idle connections; connections in use close when their exchange ends.
    func shutDown() {
        let idle = state.withLockedValue { state in
            state.isShutDown = true
            defer { state.idle = [:] }
            return state.idle.values.flatMap { $0 }
        }
        for connection in idle { connection.close() }
    }
}
