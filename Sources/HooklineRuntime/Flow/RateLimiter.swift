/// A token bucket: at most `perSecond` requests a second on average, bursts up to `burst`.
/// Callers wait (without blocking a thread) until a token is free.
public actor RateLimiter {
    public let perSecond: Double
    public let burst: Double
    private var tokens: Double
    private var last: ContinuousClock.Instant

    public init(perSecond: Double, burst: Double? = nil) {
        precondition(perSecond > 0)
        self.perSecond = perSecond
        self.burst = max(1, burst ?? perSecond)
        tokens = self.burst
        last = .now
    }

    /// Waits until a request may go.
    public func acquire() async throws {
        while true {
            let now = ContinuousClock.now
            let elapsed = now - last
            last = now
            tokens = min(burst, tokens + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * perSecond)
            if tokens >= 1 {
                tokens -= 1
                return
            }
            try await Task.sleep(for: .milliseconds(max(1, Int64((1 - tokens) / perSecond * 1000))))
        }
    }
}
