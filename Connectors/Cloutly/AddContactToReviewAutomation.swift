import ConnectorKit

/// Adds a contact to the Cloutly review automation of its location, as Iterable's journey
/// webhook to Cloutly does. Members beyond the fields (other profile fields) are sent as given.
///
/// `locationIdentifier` is required in practice, but declared optional and nullable so that a
/// missing one reaches ``perform(_:context:)`` and gets the error that explains the mapping fix.
public struct AddContactToReviewAutomation: Action {
    public let id = "add_contact_to_review_automation"
    public var samples: [JSONValue] { CloutlySchemas.reviewAutomationContactSamples }
    public let summary = "Add a contact to the review automation of its Cloutly location"
    static let noLocation = "Cloutly would silently add a contact without locationIdentifier to no campaign; "
        + "map the profile field holding the contact's Cloutly location id (e.g. {{locationIdentifier}}) to locationIdentifier"
    public let inputFields = [
        FieldSchema(name: "email", type: .string, optional: true, format: .email, requiredGroup: "contact"),
        FieldSchema(name: "phoneNumber", type: .string, optional: true, hint: "With country code (+15551230000)", format: .phone, requiredGroup: "contact"),
        FieldSchema(name: "firstName", type: .string),
        FieldSchema(name: "lastName", type: .string, optional: true),
        FieldSchema(name: "locationIdentifier", type: .string, optional: true, nullable: true, hint: "Required: " + noLocation),
        FieldSchema(name: "workflowId", type: .integer, optional: true, hint: "The Iterable journey that sent the contact"),
    ]
    public let outputFields = [FieldSchema(name: "status", type: .integer, hint: "Cloutly's HTTP status")]

    public init() {}

    public func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        guard let location = input["locationIdentifier"]?.stringValue, !location.allSatisfy(\.isWhitespace) else {
            throw ConnectorError.invalidInput("\(id): error at /locationIdentifier: missing or empty (hint: \(Self.noLocation))")
        }
        let url = context.url("api/callbacks/automations/iterable/webhooks")
        let response = try await context.send(.json(.post, url, input))
        return ["status": .integer(Int64(response.status))]
    }
}
