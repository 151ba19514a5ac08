import Hummingbird

/// Answers `POST /hooks/{flow}` (and PUT, PATCH, DELETE), every webhook, before the router: the router's trie lookup was
/// ~6% of a webhook's time on Swift's pool. Every other request, and any webhook path out of the
/// ordinary (percent-escapes, more segments), goes to the router, which has the same route.
struct WebhookFirstResponder<Router: HTTPResponder>: HTTPResponder where Router.Context == BasicRequestContext {
    typealias Context = BasicRequestContext
    /// Answers a webhook for a flow id; it never throws (every failure is an answer), so no
    /// error goes unanswered for want of the router's error handling.
    let webhook: @Sendable (Request, String) async -> Response
    let router: Router

    func respond(to request: Request, context: Context) async throws -> Response {
        if WebhookPath.carriesEvents(request.method), let flow = WebhookPath.flowID(inPath: request.uri.path) {
            return await webhook(request, flow)
        }
        return try await router.respond(to: request, context: context)
    }
}

/// The webhook path, `/hooks/{flow}`.
enum WebhookPath {
    /// The methods whose body is an event. A journey webhook's method is the Iterable user's
    /// choice: POST, PUT and PATCH carry the event, and so does a DELETE with a body (one
    /// without is refused as having no event). GET carries none.
    static let eventMethods: [HTTPRequest.Method] = [.post, .put, .patch, .delete]

    static func carriesEvents(_ method: HTTPRequest.Method) -> Bool {
        method == .post || eventMethods.contains(method)
    }

    /// The flow id of a path `/hooks/{flow}` whose id needs no decoding; nil for any other path
    /// (and for a request target with a query, which the router takes apart).
    static func flowID(inPath path: String) -> String? {
        let prefix = "/hooks/".utf8
        let utf8 = path.utf8
        guard utf8.count > prefix.count, utf8.starts(with: prefix) else { return nil }
        let id = utf8.dropFirst(prefix.count)
        guard !id.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "?") }) else { return nil }
        return String(Substring(id))
    }
}
