/// Something that starts a flow: an event a service sends to Hookline (a webhook).
///
/// An author gives the ``id`` and the ``outputSchema`` (generated from sample payloads in
/// `Schemas/`); the rest has defaults. ``matches(_:options:)`` filters events by the flow's
/// trigger options (Iterable: event names, workflow ids).
public protocol Trigger: Sendable {
    /// Unique within the connector (`system_webhook`).
    var id: String { get }
    /// A human name; defaults to the id in words.
    var name: String { get }
    var summary: String { get }
    /// The shape of the events, for mapping checks and `map suggest`.
    var outputSchema: FieldSchema { get }
    /// The options a flow may set on this trigger (filters).
    var optionFields: [FieldSchema] { get }
    /// Real events (from `Schemas/`), each valid against ``outputSchema``: the conformance
    /// check validates them.
    var samples: [JSONValue] { get }

    /// Whether the sender's user writes the body (an Iterable journey webhook: any profile or
    /// event field the user picks), so ``outputSchema`` and ``samples`` show only what such a
    /// body usually holds. A flow of such a trigger with no samples or schema of its own has an
    /// open source: a mapping path its schema does not know is a warning, not an error.
    var payloadIsComposedBySender: Bool { get }

    /// The members (dotted paths) the filter of `options` reads; an event without any of them
    /// is skipped. A flow whose own samples lack them is warned: its events would all be skipped.
    func filteredMembers(options: JSONValue) -> [String]

    /// Whether the flow with trigger `options` handles `event`; events it doesn't are
    /// acknowledged and skipped.
    func matches(_ event: JSONValue, options: JSONValue) -> Bool

    /// A key equal for two deliveries of the same event (a sender's retry), used to accept it
    /// once when the request carries no webhook id; `nil` when the event has none.
    func deduplicationKey(_ event: JSONValue) -> String?
}

extension Trigger {
    public var name: String { ConnectorNaming.words(id) }
    public var summary: String { "" }
    public var optionFields: [FieldSchema] { [] }
    public var samples: [JSONValue] { [] }
    public var payloadIsComposedBySender: Bool { false }
    public func filteredMembers(options: JSONValue) -> [String] { [] }
    public func matches(_ event: JSONValue, options: JSONValue) -> Bool { true }
    public func deduplicationKey(_ event: JSONValue) -> String? { nil }

    /// The trigger options as one object schema.
    public var optionSchema: FieldSchema {
        FieldSchema(name: "", type: .object, properties: optionFields)
    }
}
