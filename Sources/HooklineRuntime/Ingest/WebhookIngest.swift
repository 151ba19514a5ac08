import ConnectorKit

/// Accepts webhooks: finds the flow, verifies the sender, checks the body, applies the
/// trigger's filter and stores the event durably — and only then says 202 with the run id.
/// Independent of the HTTP server, so it is tested directly.
public struct WebhookIngest: Sendable {
    /// An answer to the sender.
    public struct Reply: Sendable, Hashable {
        public var status: Int
        public var body: JSONValue

        static func error(_ status: Int, _ message: String) -> Reply {
            Reply(status: status, body: ["error": .string(message)])
        }
    }

    let config: RunnerConfig
    let store: any RunStore
    let signal: WorkSignal
    let metrics: RunnerMetrics
    let handoff: DeliveryHandoff?

    /// - Parameter handoff: this process's delivery workers (``DeliveryService/handoff``), to hand
    ///   new runs to directly while they have room; nil to leave every run to the dispatcher.
    public init(config: RunnerConfig, store: any RunStore, signal: WorkSignal, metrics: RunnerMetrics, handoff: DeliveryHandoff? = nil) {
        self.config = config
        self.store = store
        self.signal = signal
        self.metrics = metrics
        self.handoff = handoff
    }

    /// Handles `POST /hooks/{flowID}`.
    /// - Parameters:
    ///   - header: the request's header lookup (case-insensitive).
    ///   - body: the whole body (the server enforces the size limit: 413).
    public func receive(flowID: String, header: (String) -> String?, body: [UInt8]) async -> Reply {
        let started = ContinuousClock.now
        guard let flow = config.flow(flowID) else {
            metrics.webhook(flow: "(unknown)", outcome: "404")
            return .error(404, "no flow '\(flowID)'")
        }
        let reply = await accept(flow, header: header, body: body)
        metrics.webhook(flow: flow.id, outcome: reply.body["duplicate"] == .bool(true) ? "duplicate"
            : reply.body["skipped"] == .bool(true) ? "skipped" : reply.status == 202 ? "accepted" : String(reply.status))
        if reply.status == 202 { metrics.ingested(after: ContinuousClock.now - started) }
        return reply
    }

    private func accept(_ flow: Flow, header: (String) -> String?, body: [UInt8]) async -> Reply {
        if let verification = flow.verification {
            if case .failure(let rejection) = WebhookVerifier.verify(verification, header: header, body: body, now: WallClock.now) {
                return .error(401, "verification failed: \(rejection.reason)")
            }
        }
        let event: JSONValue
        let eventText: String?
        switch WebhookBody.parse(body, contentType: header("Content-Type")) {
        case .success(let parsed):
            event = parsed.event
            // A JSON body is stored as it came (valid UTF-8 and JSON, or it would not have parsed).
            eventText = parsed.isJSONBody ? String(decoding: body, as: UTF8.self) : nil
        case .failure(let failure): return .error(failure.status, failure.message)
        }
        guard flow.trigger.matches(event, options: flow.options) else {
            return Reply(status: 200, body: ["skipped": true, "reason": "the trigger's filter does not match this event"])
        }
        let webhookID = header("webhook-id") ?? header("X-Webhook-Id") ?? header("Idempotency-Key") ?? flow.trigger.deduplicationKey(event)
        let result: IngestResult
        do {
            result = try await save(NewRun(flow: flow.id, webhookID: webhookID, event: event, eventText: eventText))
        } catch {
            // Not stored, so not accepted: the sender must retry.
            return .error(503, "the event could not be stored; retry later")
        }
        switch result {
        case .accepted(let id):
            return Reply(status: 202, body: ["runId": .string(id)])
        case .duplicate(let id):
            return Reply(status: 202, body: ["runId": .string(id), "duplicate": true])
        }
    }

    /// Stores the run: leased and handed to the workers while they have room and no stored run
    /// waits, else queued for the dispatcher (woken).
    private func save(_ run: NewRun) async throws -> IngestResult {
        let now = WallClock.now
        guard let handoff else {
            let result = try await store.ingest([run], now: now)[0]
            signal.poke()
            return result
        }
        guard let reservation = handoff.reserve(now: now) else {
            let result: IngestResult
            do {
                result = try await store.ingest([run], now: now)[0]
            } catch {
                handoff.queued(stored: false)
                throw error
            }
            let accepted = if case .accepted = result { true } else { false }
            handoff.queued(stored: accepted)
            if accepted { signal.poke() }
            return result
        }
        let stored: LeasedIngestResult
        do {
            stored = try await store.ingestLeased(run, now: now, owner: reservation.owner, until: reservation.until)
        } catch {
            handoff.cancel(reservation, queued: false)
            throw error
        }
        switch stored {
        case .leased(let record):
            handoff.handOff(record)
            return .accepted(runID: record.id)
        case .stored(let result):
            if case .accepted = result {
                handoff.cancel(reservation, queued: true)
                signal.poke()
            } else {
                handoff.cancel(reservation, queued: false)
            }
            return result
        }
    }
}
