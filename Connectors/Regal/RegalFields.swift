import ConnectorKit

/// The input and output fields of Regal's actions.
///
/// Traits come in two formats (never mixed in one call):
/// - older: `phone`, `email`, `firstName`, `lastName`, `optIn: [{channel, source, subscribed}]`;
/// - newer: `phones` / `emails`, objects keyed by number / address, each with `isPrimary`,
///   `label` and `smsOptIn` / `voiceOptIn` / `emailOptIn` `{subscribed, source, timestamp}`.
///
/// Any other trait (including `address`) is sent as given, as a custom property.
public enum RegalFields {
    static let e164Hint = "E.164: '+', the country code and the number, digits only (+15551230000)"

    /// One entry of the older format's `optIn` list.
    static let legacyOptIn = FieldSchema(name: "", type: .object, properties: [
        FieldSchema(name: "channel", type: .string, hint: "voice or sms", pickList: ["voice", "sms"]),
        FieldSchema(name: "source", type: .string, optional: true, hint: "Where the consent was given (webform)"),
        FieldSchema(name: "subscribed", type: .boolean, hint: "true when the contact agreed to be called or texted"),
    ])

    /// A channel opt-in of the newer format (`smsOptIn`, `voiceOptIn`, `emailOptIn`).
    static func optIn(_ name: String) -> FieldSchema {
        FieldSchema(name: name, type: .object, optional: true, properties: [
            FieldSchema(name: "subscribed", type: .boolean),
            FieldSchema(name: "source", type: .string, optional: true),
            FieldSchema(name: "timestamp", type: .string, optional: true, hint: "When the consent was given"),
        ])
    }

    /// A map of the newer format (`phones`, `emails`): key → details with the given opt-ins.
    static func channelMap(_ name: String, keyedBy key: String, optIns: [String]) -> FieldSchema {
        let details = FieldSchema(name: "", type: .object, properties: [
            FieldSchema(name: "isPrimary", type: .boolean, optional: true),
            FieldSchema(name: "label", type: .string, optional: true, hint: "Mobile, Home, Work, ..."),
        ] + optIns.map(optIn))
        return FieldSchema(name: name, type: .object, optional: true, hint: "Keyed by \(key)", additionalProperties: details)
    }

    /// The contact's traits, both formats; other members pass through as custom properties.
    public static let traits = FieldSchema(name: "traits", type: .object, hint: "Contact traits; other members become custom properties", properties: [
        FieldSchema(name: "firstName", type: .string, optional: true),
        FieldSchema(name: "lastName", type: .string, optional: true),
        FieldSchema(name: "phone", type: .string, optional: true, hint: "Older format. " + e164Hint, format: .phone),
        FieldSchema(name: "email", type: .string, optional: true, hint: "Older format", format: .email),
        FieldSchema(name: "optIn", type: .array, optional: true, hint: "Older format: voice and sms consent", of: legacyOptIn),
        channelMap("phones", keyedBy: "phone number (E.164)", optIns: ["smsOptIn", "voiceOptIn"]),
        channelMap("emails", keyedBy: "email address", optIns: ["emailOptIn"]),
    ], additionalProperties: FieldSchema(name: "", type: .any, hint: "A custom trait (custom1, leadSource, ...), sent as given"))

    /// Members every call may carry besides `traits`.
    static let common: [FieldSchema] = [
        FieldSchema(name: "userId", type: .string, optional: true, hint: "Your external id of the contact"),
        traits,
        FieldSchema(name: "originalTimestamp", type: .string, optional: true, hint: "When it happened, if not now"),
        FieldSchema(name: "eventSource", type: .string, optional: true, hint: "Where the data comes from (iterable)"),
    ]

    /// `upsert_contact`'s input.
    public static let contact: [FieldSchema] = common

    /// `track_event`'s input.
    public static let event: [FieldSchema] = common + [
        FieldSchema(name: "name", type: .string, hint: "The event name (Application Step 1 Completed)"),
        FieldSchema(name: "properties", type: .object, optional: true, hint: "The event's properties"),
    ]

    /// Both actions' output: Regal's status and its answer (`"ok"` text or JSON, unconfirmed).
    public static let output: [FieldSchema] = [
        FieldSchema(name: "status", type: .integer, hint: "The HTTP status (200)"),
        FieldSchema(name: "body", type: .any, hint: "Regal's answer: JSON when it sent JSON, else its text (\"ok\")"),
    ]
}
