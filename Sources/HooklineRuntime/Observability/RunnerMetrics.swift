import NIOConcurrencyHelpers
import Prometheus

/// The runner's Prometheus metrics (`GET /metrics`).
public struct RunnerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let ingestDuration: DurationHistogram
    /// The counters made so far, by metric and labels: the registry builds the metric's name and
    /// looks it up under its lock each time it is asked, and ingest counts every webhook.
    private let counters = CounterCache()

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        ingestDuration = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "hookline", metricName: "ingest_duration", unitName: "seconds",
                                             helpText: "Time from a webhook's arrival to its durable storage"),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                      .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
    }

    /// A webhook answered: `outcome` is accepted, duplicate, skipped or the refusal's status.
    func webhook(flow: String, outcome: String) {
        counters.counter(.webhook, flow, outcome, "") {
            registry.makeCounter(descriptor: Self.webhooks, labels: [("flow", flow), ("outcome", outcome)])
        }.increment()
    }

    /// One step attempt ended.
    func step(flow: String, step: String, outcome: String) {
        counters.counter(.step, flow, step, outcome) {
            registry.makeCounter(descriptor: Self.stepAttempts, labels: [("flow", flow), ("step", step), ("outcome", outcome)])
        }.increment()
    }

    /// A run ended.
    func run(flow: String, outcome: String) {
        counters.counter(.run, flow, outcome, "") {
            registry.makeCounter(descriptor: Self.runs, labels: [("flow", flow), ("outcome", outcome)])
        }.increment()
    }

    /// A webhook's event (verified, parsed, matched by the flow's filter) departed from its
    /// flow's own schema at one path (`kind`: unknown_member, type_changed, required_missing).
    func drift(flow: String, kind: String) {
        counters.counter(.drift, flow, kind, "") {
            registry.makeCounter(descriptor: Self.schemaDrift, labels: [("flow", flow), ("kind", kind)])
        }.increment()
    }

    /// Finished runs deleted past their retention.
    func pruned(status: RunStatus, count: Int) {
        guard count > 0 else { return }
        counters.counter(.pruned, status.rawValue, "", "") {
            registry.makeCounter(descriptor: Self.prunedRuns, labels: [("status", status.rawValue)])
        }.increment(by: Int64(count))
    }

    func ingested(after duration: Duration) {
        ingestDuration.recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// The statuses `hookline_runs_stored` counts: the backlog and the dead letter. Not
    /// `succeeded`: counting those reads most of the store (`hookline_runs_finished_total` counts
    /// them as they finish).
    static let storedStatuses: [RunStatus] = [.queued, .running, .retrying, .failed]

    /// Runs by status (``storedStatuses``), as gauges.
    func backlog(_ counts: [RunStatus: Int]) {
        for status in Self.storedStatuses {
            registry.makeGauge(descriptor: Self.stored, labels: [("status", status.rawValue)])
                .set(Double(counts[status] ?? 0))
        }
    }

    private static var webhooks: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "webhooks", unitName: "total",
                                                       helpText: "Webhooks received, by flow and outcome") }
    private static var stepAttempts: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "step_attempts", unitName: "total",
                                                           helpText: "Step attempts, by flow, step and outcome") }
    private static var runs: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "runs_finished", unitName: "total",
                                                   helpText: "Runs finished, by flow and outcome") }
    private static var prunedRuns: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "runs_pruned", unitName: "total",
                                                         helpText: "Finished runs deleted past their retention, by status") }
    private static var schemaDrift: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "schema_drift", unitName: "total",
                                                          helpText: "Paths where webhook events departed from their flow's own schema, by flow and kind") }
    private static var stored: MetricNameDescriptor { MetricNameDescriptor(namespace: "hookline", metricName: "runs_stored", unitName: "",
                                                     helpText: "Runs in the store, by status (queued, running, retrying, failed)") }

    /// The text exposition format.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

/// Counters by (metric, labels), made once each.
private final class CounterCache: Sendable {
    enum Metric: Hashable, Sendable { case webhook, step, run, pruned, drift }
    private struct Key: Hashable, Sendable {
        var metric: Metric
        var a: String, b: String, c: String
    }

    private let counters = NIOLockedValueBox<[Key: Counter]>([:])

    func counter(_ metric: Metric, _ a: String, _ b: String, _ c: String, make: () -> Counter) -> Counter {
        let key = Key(metric: metric, a: a, b: b, c: c)
        if let counter = counters.withLockedValue({ $0[key] }) { return counter }
        let counter = make()
        counters.withLockedValue { $0[key] = counter }
        return counter
    }
}
