import ConnectorKit
import NIOConcurrencyHelpers

/// Webhooks a flow's trigger filter skipped (answered 200, never stored): counted per flow with
/// the last reason, so a flow that silently skips everything shows it (`/api/flows/{id}`, the
/// run-log page's flow view). Counted in memory since the process started, not stored.
public final class SkippedEvents: Sendable {
    /// What one flow skipped.
    public struct Summary: Sendable, Hashable {
        public var count: Int
        /// When the last one came (Unix seconds).
        public var lastAt: Double
        public var lastReason: String
    }

    private let flows = NIOLockedValueBox<[String: Summary]>([:])

    public init() {}

    func record(flow: String, reason: String, at time: Double) {
        flows.withLockedValue { flows in
            var summary = flows[flow] ?? Summary(count: 0, lastAt: time, lastReason: reason)
            summary.count += 1
            summary.lastAt = time
            summary.lastReason = reason
            flows[flow] = summary
        }
    }

    public func summary(flow: String) -> Summary? {
        flows.withLockedValue { $0[flow] }
    }

    /// Why `flow`'s filter skips `event`: the members the filter reads are missing (an Iterable
    /// journey webhook without `workflowId`), or their values do not match.
    static func reason(_ flow: Flow, event: JSONValue) -> String {
        let members = flow.trigger.filteredMembers(options: flow.options)
        let present = members.contains { member in (try? JSONPath(dotted: member)).flatMap { event.value(at: $0) } != nil }
        if !members.isEmpty, !present {
            return "the event has no \(members.joined(separator: " or ")), which the trigger's filter reads"
        }
        return "the event does not match the trigger's filter"
    }
}
