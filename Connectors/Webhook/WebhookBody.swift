import ConnectorKit

/// The fields a send carries, by Iterable's journey-webhook rules: `null` counts as missing
/// and missing fields are left out; in profile mode the event's fields win over the profile's.
enum WebhookBody {
    /// The input's body, `null` members left out; with `includeEmailAndWorkflowId`, `email`
    /// and `workflowId` come first (as Iterable sends them) and replace the body's own.
    static func fields(of input: WebhookSendInput) -> JSONObject {
        var fields = JSONObject()
        if input.includeEmailAndWorkflowId {
            if let email = input.email { fields["email"] = .string(email) }
            if let workflowId = input.workflowId { fields["workflowId"] = workflowId }
        }
        for member in input.body where !member.value.isNull && fields[member.key] == nil {
            fields[member.key] = member.value
        }
        return fields
    }

    /// `profile` with `event`'s fields over it (top-level members; `null` members of either
    /// are left out). Profile members keep their order, new event members follow.
    static func merged(profile: JSONObject, event: JSONObject) -> JSONObject {
        var merged = JSONObject(profile.filter { !$0.value.isNull }.map { ($0.key, $0.value) })
        for member in event where !member.value.isNull { merged[member.key] = member.value }
        return merged
    }

    /// `fields` as form fields: strings as they are, numbers and booleans as JSON text, arrays
    /// and objects JSON-serialised.
    static func formFields(_ fields: JSONObject) -> [(String, String)] {
        fields.map { member in
            (member.key, member.value.stringValue ?? member.value.serialized())
        }
    }

    /// The request for `fields` in `format` (no body when `fields` is empty and the method
    /// is GET or DELETE).
    static func request(_ method: HTTPMethod, _ url: String, _ fields: JSONObject, format: WebhookSendInput.Format) -> HTTPRequest {
        if fields.isEmpty, method == .get || method == .delete { return HTTPRequest(method: method, url: url) }
        switch format {
        case .json: return .json(method, url, .object(fields))
        case .form: return .form(method, url, formFields(fields))
        }
    }
}
