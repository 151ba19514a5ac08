import ConnectorKit

/// Regal (calls and SMS): contact traits, opt-ins and events, sent to its events API with
/// the raw API key as `Authorization`.
public struct RegalConnector: Connector {
    public let id = "regal"
    public let summary = "Regal contacts (traits, opt-ins) and events"
    public let connection = ConnectionSpec(auth: [.rawAuthorization], baseURL: "https://events.regalvoice.com")
    public var actions: [any Action] { [] }

    public init() {}
}
