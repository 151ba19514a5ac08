import ConnectorKit

/// Sends one HTTP request to the connection's endpoint, as an Iterable journey webhook does.
///
/// - The request goes to the connection's `baseURL` joined with `url` (see ``WebhookTarget``).
/// - The body holds `body`'s fields (members that are `null` are left out), plus `email` and
///   `workflowId` with `includeEmailAndWorkflowId`, as JSON or as a form (nested values
///   JSON-serialised). GET sends no body.
/// - Profile mode (`profile: true`, method GET) appends `?email=` to the URL, reads the JSON
///   object the endpoint answers and returns it with the body's fields over it (the event wins
///   over the profile; fields missing from both are left out).
/// - The output is described by ``WebhookOutput``.
public struct SendWebhook: Action {
    public typealias Input = WebhookSendInput

    public let id = "send"
    public var samples: [JSONValue] { WebhookSchemas.sendSamples }
    public let summary = "Send an HTTP request (JSON or form) to the connection's endpoint, or read a profile to merge into the event"

    public let inputFields: [FieldSchema] = [
        FieldSchema(name: "method", type: .string, optional: true, nullable: true, hint: "POST by default (GET in profile mode)",
                    pickList: ["GET", "POST", "PUT", "PATCH", "DELETE"], defaultValue: "POST"),
        FieldSchema(name: "url", type: .string,
                    hint: "a path and query under the connection's baseURL (/users/{{userId}}?x=1), or an absolute URL of the same origin"),
        FieldSchema(name: "headers", type: .object, optional: true, nullable: true,
                    hint: "headers added to the request; the connection's auth and headers cannot be overridden",
                    additionalProperties: FieldSchema(name: "", type: .string)),
        FieldSchema(name: "body", type: .object, optional: true, nullable: true,
                    hint: "the fields to send (the profile/event fields); null members are left out"),
        FieldSchema(name: "format", type: .string, optional: true, nullable: true,
                    hint: "json, or form (application/x-www-form-urlencoded; nested values JSON-serialised)",
                    pickList: ["json", "form"], defaultValue: "json"),
        FieldSchema(name: "includeEmailAndWorkflowId", type: .boolean, optional: true, nullable: true,
                    hint: "adds email and workflowId to the body", defaultValue: false),
        FieldSchema(name: "email", type: .string, optional: true, nullable: true, format: .email),
        FieldSchema(name: "workflowId", type: .integer, optional: true, nullable: true),
        FieldSchema(name: "profile", type: .boolean, optional: true, nullable: true,
                    hint: "GET with ?email= appended; the JSON answer, with the body's fields over it, is the output body", defaultValue: false),
        FieldSchema(name: "allowAnyHost", type: .boolean, optional: true, nullable: true,
                    hint: "lets url name another host than the connection's baseURL (off: a crafted event cannot redirect requests)",
                    defaultValue: false),
        FieldSchema(name: "includeResponseHeaders", type: .boolean, optional: true, nullable: true,
                    hint: "puts the response headers in the output", defaultValue: false),
    ]

    public var outputFields: [FieldSchema] { WebhookOutput.fields }

    public init() {}

    public func perform(_ input: WebhookSendInput, context: ActionContext) async throws -> JSONValue {
        var target = try WebhookTarget.resolve(input.url, base: context.baseURL, allowAnyHost: input.allowAnyHost)
        let fields = WebhookBody.fields(of: input)
        if input.profile {
            return try await readProfile(input, target: &target, event: fields, context: context)
        }
        if input.method == .get, !fields.isEmpty {
            throw ConnectorError.invalidInput("send: a GET request carries no body, but the step gives \(fields.keys.joined(separator: ", ")); "
                + "put values in the url's query (/users?email={{email}}), use another method, or set profile: true")
        }
        var request = WebhookBody.request(input.method, target.description, fields, format: input.format)
        try WebhookHeaders.apply(input.headers, to: &request, connection: context.connection)
        let response = try await context.send(request)
        return WebhookOutput.make(response, body: WebhookOutput.body(of: response), includeHeaders: input.includeResponseHeaders)
    }

    /// Profile mode: GET `target?email=`, then the answer with the event's fields over it.
    private func readProfile(_ input: WebhookSendInput, target: inout RequestURL, event: JSONObject,
                             context: ActionContext) async throws(ConnectorError) -> JSONValue {
        guard input.method == .get else {
            throw .invalidInput("send: profile mode reads the profile with GET; remove method \(input.method) or set profile: false")
        }
        guard let email = input.email, !email.isEmpty else {
            throw .invalidInput("send: profile mode needs 'email' (it is appended to the url as ?email=)")
        }
        target.query.removeAll { $0.0 == "email" }
        target.query.append(("email", email))
        var request = HTTPRequest(method: .get, url: target.description)
        request.headers.replace("Accept", "application/json")
        try WebhookHeaders.apply(input.headers, to: &request, connection: context.connection)
        let response = try await context.send(request)
        let answer = try ActionContext.json(of: response, for: request)
        guard let profile = answer.isNull ? JSONObject() : answer.objectValue else {
            throw ConnectorError(.permanent, code: "bad_response",
                                 message: "send: profile mode expects a JSON object from GET \(target.origin + target.path), found \(answer.typeName)",
                                 status: response.status, bodyExcerpt: response.bodyExcerpt())
        }
        let merged = WebhookBody.merged(profile: profile, event: event)
        return WebhookOutput.make(response, body: .object(merged), includeHeaders: input.includeResponseHeaders)
    }
}
