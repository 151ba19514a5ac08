import ConnectorKit

/// Where a run is in its life.
public enum RunStatus: String, Sendable, Hashable, CaseIterable {
    /// Stored, waiting for a worker.
    case queued
    /// Leased by a worker.
    case running
    /// A step failed in a way that may pass; waiting for its next attempt.
    case retrying
    /// Every step succeeded (or was skipped by its condition).
    case succeeded
    /// Stopped: a permanent error, or retries exhausted (the dead letter). Replayable.
    case failed

    /// Whether a worker still has something to do.
    public var isPending: Bool { self == .queued || self == .running || self == .retrying }
}

/// An accepted webhook and the delivery of its flow.
public struct RunRecord: Sendable, Hashable {
    public var id: String
    public var flow: String
    /// The sender's delivery id (`webhook-id` or a trigger's dedupe key); unique per flow.
    public var webhookID: String?
    /// The event, as mapped steps read it (later steps' merged outputs included).
    public var event: JSONValue {
        didSet { storedText = StoredText() }
    }
    /// The event's JSON text as the store holds it, while ``event`` is unchanged since the run
    /// was read: the sender's bytes as they came, until a step merges its output into the event.
    /// A save writes it back as it is (no serialization, no reformatting). Nil otherwise.
    public var storedEventText: String? { storedText.text }
    var storedText = StoredText()
    public var status: RunStatus
    /// The step to run next (0-based).
    public var stepIndex: Int
    /// Attempts made of that step so far.
    public var attempt: Int
    /// When the run is due (Unix seconds).
    public var nextAt: Double
    /// Outputs of finished steps, by step id.
    public var outputs: JSONObject
    /// Why the run failed or is retrying.
    public var error: String?
    public var createdAt: Double
    public var updatedAt: Double
    /// The worker holding the lease, and until when.
    public var leaseOwner: String?
    public var leaseUntil: Double?

    public init(id: String, flow: String, webhookID: String?, event: JSONValue, status: RunStatus = .queued, stepIndex: Int = 0,
                attempt: Int = 0, nextAt: Double, outputs: JSONObject = JSONObject(), error: String? = nil, createdAt: Double,
                updatedAt: Double, leaseOwner: String? = nil, leaseUntil: Double? = nil) {
        self.id = id
        self.flow = flow
        self.webhookID = webhookID
        self.event = event
        self.status = status
        self.stepIndex = stepIndex
        self.attempt = attempt
        self.nextAt = nextAt
        self.outputs = outputs
        self.error = error
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.leaseOwner = leaseOwner
        self.leaseUntil = leaseUntil
    }
}

/// A run's stored event text (``RunRecord/storedEventText``): a cache of what `event` already
/// says, so it never makes two records unequal.
struct StoredText: Sendable, Hashable {
    var text: String?

    static func == (lhs: StoredText, rhs: StoredText) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension RunRecord {
    /// A run as ``RunStore/ingestLeased(_:now:owner:until:)`` stored it at `stamp` with event
    /// `text`: running, leased to `owner` until `until`.
    init(leasedOnIngest run: NewRun, id: String, text: String, stamp: Double, owner: String, until: Double) {
        self.init(id: id, flow: run.flow, webhookID: run.webhookID, event: run.event, status: .running, nextAt: stamp,
                  createdAt: stamp, updatedAt: stamp, leaseOwner: owner, leaseUntil: until)
        storedText = StoredText(text: text)
    }

    /// The text to store for ``event``: the stored text while the event is unchanged.
    var eventTextToStore: String { storedText.text ?? event.serialized() }
}

/// One try of one step: what was sent (secrets redacted), what came back, how long it took.
public struct AttemptRecord: Sendable, Hashable {
    /// What became of the attempt.
    public enum Outcome: String, Sendable, Hashable {
        case succeeded, retry, failed, skipped
    }

    public var runID: String
    public var stepIndex: Int
    public var stepID: String
    /// 1 for the first try of the step.
    public var attempt: Int
    public var startedAt: Double
    public var durationMilliseconds: Double
    public var outcome: Outcome
    /// The requests sent, redacted: `[{method, url, headers, body}]`.
    public var requests: JSONValue
    /// The last response status, if a response arrived.
    public var status: Int?
    public var error: String?
    /// The start of the last response body.
    public var responseExcerpt: String?

    public init(runID: String, stepIndex: Int, stepID: String, attempt: Int, startedAt: Double, durationMilliseconds: Double,
                outcome: Outcome, requests: JSONValue = .array([]), status: Int? = nil, error: String? = nil, responseExcerpt: String? = nil) {
        self.runID = runID
        self.stepIndex = stepIndex
        self.stepID = stepID
        self.attempt = attempt
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.outcome = outcome
        self.requests = requests
        self.status = status
        self.error = error
        self.responseExcerpt = responseExcerpt
    }
}

/// An event to store as a new run.
public struct NewRun: Sendable, Hashable {
    public var flow: String
    public var webhookID: String?
    public var event: JSONValue
    /// `event` as JSON text, when the caller has it (a webhook's JSON body, parsed into
    /// `event`): stored as it came instead of serializing `event` again (~2% of ingest's CPU).
    public var eventText: String?

    public init(flow: String, webhookID: String?, event: JSONValue, eventText: String? = nil) {
        self.flow = flow
        self.webhookID = webhookID
        self.event = event
        self.eventText = eventText
    }

    /// The JSON text to store.
    var storedEventText: String { eventText ?? event.serialized() }
}

/// What storing a ``NewRun`` did.
public enum IngestResult: Sendable, Hashable {
    /// Stored as a new run.
    case accepted(runID: String)
    /// The flow already has a run for this webhook id; nothing new was stored.
    case duplicate(runID: String)

    public var runID: String {
        switch self {
        case .accepted(let id), .duplicate(let id): id
        }
    }
}

/// Which runs to list.
public struct RunFilter: Sendable, Hashable {
    public var flow: String?
    public var status: RunStatus?
    /// Only runs with a sequence number above this, oldest first.
    public var after: Int64?
    /// Only runs changed at or after this time (Unix seconds), in the order they changed
    /// (for `logs --follow`).
    public var updatedSince: Double?
    public var limit: Int

    public init(flow: String? = nil, status: RunStatus? = nil, after: Int64? = nil, updatedSince: Double? = nil, limit: Int = 100) {
        self.flow = flow
        self.status = status
        self.after = after
        self.updatedSince = updatedSince
        self.limit = limit
    }
}

/// What storing a ``NewRun`` leased to its ingesting process did
/// (``RunStore/ingestLeased(_:now:owner:until:)``).
public enum LeasedIngestResult: Sendable, Hashable {
    /// Stored as a new run, leased (status `running`): the record, as a lease would return it.
    case leased(RunRecord)
    /// Stored without the lease (queued: a store that cannot lease on ingest), or a duplicate.
    case stored(IngestResult)
}
