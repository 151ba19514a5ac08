import ConnectorKit
import Hummingbird
import Logging
import NIOCore

/// The HTTP surface of `hookline run`: `POST /hooks/{flow}`, `GET /healthz`, `GET /metrics`,
/// the run-log page (`GET /`, ``RunLogPage``; it holds no data) and the operator API
/// (`/api/flows`, `/api/flows/{id}`, `/api/runs`, `/api/runs/{id}`, `POST /api/runs/{id}/replay`),
/// which needs `Authorization: Bearer <server.adminToken>` and is off without one.
public enum RunnerServer {
    /// `canonical` (lowercase, as HTTP field names are kept) equals `name` in any ASCII case,
    /// without making a lowercased copy of `name`.
    static func equalIgnoringASCIICase(_ canonical: String, _ name: String) -> Bool {
        canonical.utf8.count == name.utf8.count && canonical.utf8.elementsEqual(name.utf8) { lower, byte in
            lower == byte || (byte >= 0x41 && byte <= 0x5A && lower == byte | 0x20)
        }
    }

    /// The server's responder: webhooks first (``WebhookFirstResponder``), then ``router(config:store:ingest:metrics:signal:)``.
    /// Most webhooks never reach it: ``webhookHandler(ingest:maxBody:serverName:)`` answers them in the channel
    /// pipeline; it passes on the ones pipelined behind another request, and unusual paths.
    static func responder(config: RunnerConfig, store: any RunStore, ingest: WebhookIngest, metrics: RunnerMetrics,
                          signal: WorkSignal) -> some HTTPResponder<BasicRequestContext> {
        let maxBody = config.settings.maxBodyBytes
        return WebhookFirstResponder(webhook: { request, flow in await receive(request, flow: flow, ingest: ingest, maxBody: maxBody) },
                                     router: router(config: config, store: store, ingest: ingest, metrics: metrics, signal: signal).buildResponder())
    }

    /// `POST /hooks/{flow}`: the body (413 over `maxBody`) to ``WebhookIngest``.
    static func receive(_ request: Request, flow: String, ingest: WebhookIngest, maxBody: Int) async -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBody {
            return json(413, ["error": .string("the body is \(length) bytes; the limit is \(maxBody)")])
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBody)
        } catch {
            return json(413, ["error": .string("the body is over the \(maxBody)-byte limit")])
        }
        let headers = request.headers
        let reply = await ingest.receive(flowID: flow, header: { field(named: $0, in: headers) }, body: Array(buffer.readableBytesView))
        return json(reply.status, reply.body)
    }

    /// The first field named `name` (any case): `HTTPFields`' own lookup joins every value.
    static func field(named name: String, in fields: HTTPFields) -> String? {
        fields.first { equalIgnoringASCIICase($0.name.canonicalName, name) }?.value
    }

    /// The handler that answers webhooks on each connection's event loop, ahead of Hummingbird
    /// (``WebhookChannelHandler``); one per connection.
    static func webhookHandler(ingest: WebhookIngest, maxBody: Int, serverName: String) -> WebhookChannelHandler {
        // Made once: the closures made per webhook capture this one reference, not the ingest's fields.
        let finish: @Sendable (WebhookIngest.PendingIngest, WebhookIngest.StoreOutcome) -> WebhookIngest.Reply = { ingest.finish($0, $1) }
        return WebhookChannelHandler(maxBody: maxBody, serverName: serverName) { flow, fields, body, later in
            ingest.receive(flowID: flow, header: { field(named: $0, in: fields) }, body: body) { pending, outcome in
                later { finish(pending, outcome) }
            }
        }
    }

    /// The routes. Webhooks reach `POST /hooks/{flow}` here only on unusual paths: the server answers
    /// them first (``WebhookChannelHandler`` in the channel pipeline, else ``WebhookFirstResponder``),
    /// so a middleware added to the whole router would not see them; add what it does to both.
    public static func router(config: RunnerConfig, store: any RunStore, ingest: WebhookIngest, metrics: RunnerMetrics,
                              signal: WorkSignal) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let maxBody = config.settings.maxBodyBytes
        for method in WebhookPath.eventMethods {
            router.on("/hooks/{flow}", method: method) { request, context -> Response in
                await receive(request, flow: try context.parameters.require("flow"), ingest: ingest, maxBody: maxBody)
            }
        }
        router.get("/healthz") { _, _ -> Response in
            json(200, ["status": "ok"])
        }
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: buffer(metrics.exposition())))
        }
        let api = router.group("api").add(middleware: AdminTokenMiddleware(token: config.settings.adminToken.map { Secret($0) }))
        api.get("flows") { _, _ -> Response in
            json(200, ["flows": .array(config.flows.map(RunJSON.flow))])
        }
        api.get("flows/{id}") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let flow = config.flow(id) else { return json(404, ["error": .string("no flow '\(id)'")]) }
            return json(200, RunJSON.flowDetail(flow, secrets: config.secrets, skipped: ingest.skipped.summary(flow: id)))
        }
        api.get("runs") { request, _ -> Response in
            let query = request.uri.queryParameters
            let status = query["status"].flatMap { RunStatus(rawValue: String($0)) }
            let limit = query["limit"].flatMap { Int(String($0)) }.map { min(max($0, 1), 1000) } ?? 100
            let rows = try await store.runs(RunFilter(flow: query["flow"].map(String.init), status: status, limit: limit))
            return json(200, ["runs": .array(rows.map { RunJSON.run($0.run) })])
        }
        api.get("runs/{id}") { _, context -> Response in
            let id = try context.parameters.require("id")
            guard let run = try await store.run(id) else { return json(404, ["error": .string("no run '\(id)'")]) }
            return json(200, RunJSON.run(run, attempts: try await store.attempts(id), includeEvent: true, flow: config.flow(run.flow)))
        }
        api.post("runs/{id}/replay") { _, context -> Response in
            let id = try context.parameters.require("id")
            let replayed = try await store.replay(id: id, flow: nil, now: WallClock.now)
            guard !replayed.isEmpty else {
                return json(409, ["error": .string("run '\(id)' is not a failed run (only failed runs are replayed)")])
            }
            signal.poke()
            return json(202, ["replayed": .array(replayed.map(JSONValue.string))])
        }
        RunLogPage.addRoutes(to: router)
        return router
    }

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return buffer
    }

    static func json(_ status: Int, _ body: JSONValue) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized())))
    }
}

/// Guards the operator API with a bearer token (constant-time compare).
struct AdminTokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: Secret?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token else {
            return RunnerServer.json(403, ["error": "the operator API is off: set server.adminToken in the config"])
        }
        let presented = request.headers[.authorization] ?? ""
        guard WebhookVerifier.constantTimeEqual(Array(presented.utf8), Array(("Bearer " + token.exposed).utf8)) else {
            return RunnerServer.json(401, ["error": "send Authorization: Bearer <server.adminToken>"])
        }
        return try await next(request, context)
    }
}
