/// When a failed step is tried again.
///
/// Defaults follow Iterable's journey webhooks: a retryable failure (429, 502, 503, 504, a
/// timeout or a connection error) is retried every 3 minutes, at most 3 attempts in all; any
/// other failure stops the run. A server's `Retry-After` wins when it asks for longer.
///
/// Delay before attempt `n + 1` after attempt `n` failed (`d` = `delay`, `m` = `multiplier`,
/// capped at `maxDelay`; with jitter, a uniform random value between half and all of it):
///
/// | backoff     | after 1 | after 2 | after 3 | after n          |
/// |-------------|---------|---------|---------|------------------|
/// | fixed       | d       | d       | d       | d                |
/// | exponential | d       | d·m     | d·m²    | min(d·mⁿ⁻¹, max) |
///
/// With the defaults (fixed, 180 s, 3 attempts): attempts at 0 s, 180 s and 360 s.
/// Exponential with d = 1 s, m = 2, max = 60 s and 6 attempts: 1, 2, 4, 8, 16 s.
public struct RetryPolicy: Sendable, Hashable {
    /// How the delay grows between attempts.
    public enum Backoff: String, Sendable, Hashable {
        case fixed, exponential
    }

    /// Attempts in all, the first included (≥ 1).
    public var maxAttempts: Int
    /// The first delay, in seconds.
    public var delay: Double
    public var backoff: Backoff
    public var multiplier: Double
    /// The longest delay, in seconds.
    public var maxDelay: Double
    /// Spread delays over [½·delay, delay] so retries of many runs don't arrive together.
    public var jitter: Bool

    /// Iterable's policy.
    public static let iterable = RetryPolicy(maxAttempts: 3, delay: 180, backoff: .fixed, multiplier: 2, maxDelay: 3600, jitter: false)

    public init(maxAttempts: Int, delay: Double, backoff: Backoff, multiplier: Double = 2, maxDelay: Double = 3600, jitter: Bool = false) {
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.backoff = backoff
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Seconds to wait after failed attempt `attempt` (1-based), at least `retryAfter` when the
    /// server sent one; `nil` when no attempt is left.
    public func delay(after attempt: Int, retryAfter: Duration? = nil) -> Double? {
        guard attempt < maxAttempts else { return nil }
        var seconds: Double = switch backoff {
        case .fixed: delay
        case .exponential: delay * pow(multiplier, Double(attempt - 1))
        }
        seconds = min(seconds, maxDelay)
        if jitter { seconds = Double.random(in: seconds / 2...seconds) }
        if let retryAfter {
            let asked = Double(retryAfter.components.seconds) + Double(retryAfter.components.attoseconds) / 1e18
            seconds = max(seconds, min(asked, maxDelay))
        }
        return seconds
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 { result *= base; remaining -= 1 }
        return result
    }
}
