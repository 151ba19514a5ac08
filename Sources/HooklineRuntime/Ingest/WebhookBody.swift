import ConnectorKit

/// A webhook body as an event: JSON (an object), or form-urlencoded fields (Iterable sends
/// journey webhooks either way). Anything else is refused with the status to answer.
enum WebhookBody {
    struct Failure: Error, Hashable {
        var status: Int
        var message: String
    }

    /// The deepest nesting accepted (a guard against stack exhaustion and abuse).
    static let maxDepth = 64

    /// A parsed body: the event, and whether the body was JSON text (so it can be stored as is).
    struct Parsed: Hashable {
        var event: JSONValue
        var isJSONBody: Bool
    }

    /// The media type of a `Content-Type` value: lower-cased, without parameters or spaces.
    static func mediaType(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        // What nearly every sender sends, without splitting and lower-casing a copy.
        if RunnerServer.equalIgnoringASCIICase("application/json", contentType) { return "application/json" }
        return contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
    }

    static func parse(_ body: [UInt8], contentType: String?) -> Result<Parsed, Failure> {
        let mediaType = mediaType(contentType)
        if body.isEmpty, mediaType.isEmpty {
            return .failure(Failure(status: 400, message: "no body: the event is the body (a JSON object, or form fields), with its Content-Type"))
        }
        let isJSON = mediaType == "application/json" || mediaType == "text/json" || mediaType.hasSuffix("+json")
        switch mediaType {
        case _ where isJSON:
            var options = JSONParseOptions()
            options.maxDepth = maxDepth
            do {
                let value = try JSONParser.parse(body, options: options)
                guard case .object = value else {
                    return .failure(Failure(status: 400, message: "the body must be a JSON object, found \(value.typeName)"))
                }
                return .success(Parsed(event: value, isJSONBody: true))
            } catch {
                return .failure(Failure(status: 400, message: "malformed JSON at line \(error.line), column \(error.column): \(error.message)"))
            }
        case "application/x-www-form-urlencoded":
            guard let fields = URLEncoding.decodeForm(String(decoding: body, as: UTF8.self)),
                  String(validating: body, as: UTF8.self) != nil
            else {
                return .failure(Failure(status: 400, message: "malformed form body (bad percent escape or not UTF-8)"))
            }
            var object = JSONObject()
            for (key, value) in fields { object[key] = .string(value) }
            return .success(Parsed(event: .object(object), isJSONBody: false))
        case "":
            return .failure(Failure(status: 415, message: "no Content-Type; send application/json or application/x-www-form-urlencoded"))
        default:
            return .failure(Failure(status: 415, message: "unsupported Content-Type '\(mediaType)'; send application/json or application/x-www-form-urlencoded"))
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        var view = self
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
