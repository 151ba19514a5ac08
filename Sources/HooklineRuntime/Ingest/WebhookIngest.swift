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
    /// What the flows' filters skipped, with the last reason.
    public let skipped = SkippedEvents()

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
        switch admit(flowID: flowID, header: header, body: body) {
        case .answered(let reply):
            return reply
        case .storing(let pending):
            let outcome = await withCheckedContinuation { continuation in store(pending) { continuation.resume(returning: $0) } }
            return finish(pending, outcome)
        }
    }

    /// ``receive(flowID:header:body:)`` for a caller outside any task (the webhook channel
    /// handler, on its event loop). `stored` is called once, when the event is durable or could
    /// not be stored: on the store's writer thread (``CallbackIngesting``) or in a task; it should
    /// take the outcome to the caller's thread and pass it to ``finish(_:_:)`` there.
    /// - Returns: the answer when the webhook is answered without storing anything (nil: wait for `stored`).
    func receive(flowID: String, header: (String) -> String?, body: [UInt8],
                 stored: @escaping @Sendable (PendingIngest, StoreOutcome) -> Void) -> Reply? {
        switch admit(flowID: flowID, header: header, body: body) {
        case .answered(let reply):
            return reply
        case .storing(let pending):
            store(pending) { stored(pending, $0) }
            return nil
        }
    }

    /// A webhook's answer before storing, or the run to store.
    enum Admission {
        case answered(Reply)
        case storing(PendingIngest)
    }

    /// A run on its way into the store (a class: it is passed from closure to closure across
    /// threads, and a reference costs one retain where the fields would cost several).
    final class PendingIngest: Sendable {
        let flow: String
        let run: NewRun
        let started: ContinuousClock.Instant
        let now: Double
        /// Stored leased and handed to the workers (nil: stored queued).
        let reservation: DeliveryHandoff.Reservation?

        init(flow: String, run: NewRun, started: ContinuousClock.Instant, now: Double, reservation: DeliveryHandoff.Reservation?) {
            self.flow = flow
            self.run = run
            self.started = started
            self.now = now
            self.reservation = reservation
        }
    }

    /// What the store said: `.stored` for a run stored queued (or a duplicate), `.leased` for one
    /// stored leased to the workers.
    typealias StoreOutcome = Result<LeasedIngestResult, any Error>

    /// Everything before the store: the flow, the sender's verification, the body, the filter.
    private func admit(flowID: String, header: (String) -> String?, body: [UInt8]) -> Admission {
        let started = ContinuousClock.now
        guard let flow = config.flow(flowID) else {
            metrics.webhook(flow: "(unknown)", outcome: "404")
            return .answered(.error(404, "no flow '\(flowID)'"))
        }
        if let verification = flow.verification {
            if case .failure(let rejection) = WebhookVerifier.verify(verification, header: header, body: body, now: WallClock.now) {
                return .answered(answered(flow, .error(401, "verification failed: \(rejection.reason)")))
            }
        }
        let event: JSONValue
        let eventText: String?
        switch WebhookBody.parse(body, contentType: header("Content-Type")) {
        case .success(let parsed):
            event = parsed.isJSONBody || !flow.source.isFlowsOwn ? parsed.event : FormFieldTyping.typed(parsed.event, by: flow.source.schema)
            // A JSON body is stored as it came (valid UTF-8 and JSON, or it would not have parsed).
            eventText = parsed.isJSONBody ? String(decoding: body, as: UTF8.self) : nil
        case .failure(let failure):
            return .answered(answered(flow, .error(failure.status, failure.message)))
        }
        guard flow.trigger.matches(event, options: flow.options) else {
            metrics.webhook(flow: flow.id, outcome: "skipped")
            let reason = SkippedEvents.reason(flow, event: event)
            skipped.record(flow: flow.id, reason: reason, at: WallClock.now)
            return .answered(Reply(status: 200, body: ["skipped": true, "reason": .string(reason)]))
        }
        if flow.source.isFlowsOwn {
            for drift in flow.source.driftCheck.drift(of: event) { metrics.drift(flow: flow.id, kind: drift.kind.rawValue) }
        }
        let webhookID = header("webhook-id") ?? header("X-Webhook-Id") ?? header("Idempotency-Key") ?? flow.trigger.deduplicationKey(event)
        let now = WallClock.now
        // Leased and handed to the workers while they have room and no stored run waits, else
        // queued for the dispatcher (woken).
        return .storing(PendingIngest(flow: flow.id, run: NewRun(flow: flow.id, webhookID: webhookID, event: event, eventText: eventText),
                                      started: started, now: now, reservation: handoff?.reserve(now: now)))
    }

    private func answered(_ flow: Flow, _ reply: Reply) -> Reply {
        metrics.webhook(flow: flow.id, outcome: String(reply.status))
        return reply
    }

    /// Stores the run; `completion` as ``receive(flowID:header:body:stored:)``'s `stored`.
    private func store(_ pending: PendingIngest, completion: @escaping @Sendable (StoreOutcome) -> Void) {
        guard let store = store as? any CallbackIngesting else {
            Task { completion(await storeInTask(pending)) }
            return
        }
        if let reservation = pending.reservation {
            store.ingestLeased(pending.run, now: pending.now, owner: reservation.owner, until: reservation.until, completion: completion)
        } else {
            store.ingest(pending.run, now: pending.now) { completion($0.map(LeasedIngestResult.stored)) }
        }
    }

    private func storeInTask(_ pending: PendingIngest) async -> StoreOutcome {
        do {
            if let reservation = pending.reservation {
                return .success(try await store.ingestLeased(pending.run, now: pending.now, owner: reservation.owner, until: reservation.until))
            }
            return .success(.stored(try await store.ingest([pending.run], now: pending.now)[0]))
        } catch {
            return .failure(error)
        }
    }

    /// The answer once the store has answered: a run stored leased goes to the workers, one stored
    /// queued wakes the dispatcher; nothing stored is a 503 (the sender must retry).
    func finish(_ pending: PendingIngest, _ outcome: StoreOutcome) -> Reply {
        let reply: Reply
        switch outcome {
        case .failure:
            if let reservation = pending.reservation {
                handoff?.cancel(reservation, queued: false)
            } else {
                handoff?.queued(stored: false)
            }
            reply = .error(503, "the event could not be stored; retry later")
        case .success(.leased(let record)):
            handoff?.handOff(record)
            reply = Reply(status: 202, body: ["runId": .string(record.id)])
        case .success(.stored(let result)):
            let accepted = if case .accepted = result { true } else { false }
            if let reservation = pending.reservation {
                handoff?.cancel(reservation, queued: accepted)
            } else {
                handoff?.queued(stored: accepted)
            }
            if accepted { signal.poke() }
            switch result {
            case .accepted(let id): reply = Reply(status: 202, body: ["runId": .string(id)])
            case .duplicate(let id): reply = Reply(status: 202, body: ["runId": .string(id), "duplicate": true])
            }
        }
        metrics.webhook(flow: pending.flow, outcome: reply.body["duplicate"] == .bool(true) ? "duplicate" : reply.status == 202 ? "accepted" : String(reply.status))
        if reply.status == 202 { metrics.ingested(after: ContinuousClock.now - pending.started) }
        return reply
    }
}
