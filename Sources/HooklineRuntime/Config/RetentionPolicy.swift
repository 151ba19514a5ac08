/// How long finished runs stay in the store (the `retention` section of a config). Past that, a
/// runner deletes them with their attempts, so a store's size follows its traffic over the window
/// rather than growing forever. Runs still pending (queued, running, retrying) are never deleted.
public struct RetentionPolicy: Sendable, Hashable {
    /// Days a succeeded run is kept after its last attempt; 0 keeps succeeded runs forever.
    public var succeededDays: Double = 30
    /// Days a failed run (the dead letter, replayable until then) is kept after its last attempt;
    /// 0 keeps failed runs forever.
    public var failedDays: Double = 90

    /// The shortest retention other than 0 (keep forever): an hour, so a finished run stays long
    /// enough to be looked at, and a failed one to be replayed.
    public static let shortestDays = 1.0 / 24

    /// A policy keeping succeeded runs `succeededDays` and failed ones `failedDays` (0: forever).
    public init(succeededDays: Double = 30, failedDays: Double = 90) {
        self.succeededDays = succeededDays
        self.failedDays = failedDays
    }

    /// The finished statuses to prune, each with how long ago (seconds) a run's last attempt must be.
    public var limits: [(status: RunStatus, seconds: Double)] {
        [(RunStatus.succeeded, succeededDays), (.failed, failedDays)].compactMap { status, days in
            days > 0 ? (status, days * 86_400) : nil
        }
    }
}
