import ConnectorKit

/// Regal (calls and SMS): contact traits, opt-ins and events, sent to its events API with
/// the raw API key as `Authorization`.
///
/// The connection has no test request: Regal documents no endpoint that proves a key without
/// creating or changing a contact, so ``ConnectionSpec/test`` stays `nil` and a bad key shows
/// up as an `authentication` error on the first action.
public struct RegalConnector: Connector {
    public let id = "regal"
    public let summary = "Regal contacts (traits, opt-ins) and events"
    public let connection = ConnectionSpec(auth: [.rawAuthorization], baseURL: "https://events.regalvoice.com")
    public var actions: [any Action] { [UpsertContact(), TrackEvent()] }

    public init() {}
}
