import ConnectorKit

/// The fixed data the template and mapping targets render against: an Iterable system webhook
/// (Schemas/iterable/system-webhook/emailOpen.sample.json) plus arrays, nulls, numbers and
/// markup so that `each`, `if`, escaping and helpers have something to work on.
public enum FuzzContext {
    public static let eventText = #"""
    {"email":"ana@example.com","eventName":"emailOpen","dataFields":{"email":"ana@example.com",
    "createdAt":"2026-06-10 14:02:11 +00:00","campaignId":5123456,"campaignName":"Post-visit",
    "templateId":7123456,"templateName":"Review ask","workflowId":88211,"workflowName":"Visit done",
    "channelId":3420,"messageTypeId":3866,"experimentId":null,
    "messageId":"2f9c0c1e8b7d4f0e9a1b2c3d4e5f6a7b","emailSubject":"How was your visit?",
    "emailId":"c5123456:t7123456:ana@example.com","userAgent":"Mozilla/5.0 (Macintosh)",
    "userAgentDevice":"Mac","ip":"203.0.113.7","proxySource":"Gmail"},
    "items":[{"sku":"A-1","price":12.5,"tags":["x","y"]},{"sku":"B-2","price":-3,"tags":[]},{"sku":null}],
    "markup":"<a href=\"x\">'&'</a>\n\t\u0000\u00e9\ud83d\ude00","empty":"","zero":0,"no":false,
    "big":12345678901234567890123,"small":1e-300,"nested":{"a":{"b":{"c":[1,[2,[3]]]}}}}
    """#

    /// ``eventText`` parsed.
    public static let event: JSONValue = {
        do {
            return try JSONParser.parse(eventText)
        } catch {
            fatalError("FuzzContext.eventText does not parse: \(error)")
        }
    }()

    /// The same event with most fields gone, for the missing-value paths.
    public static let sparseEvent: JSONValue = ["email": "ana@example.com", "items": [], "dataFields": .null]
}
