/// Something a connector does: a request (or a few) against its API.
///
/// An author writes the fields and ``perform(_:context:)``; ``name`` and ``summary``,
/// ``outputFields`` and ``batching`` have defaults, and ``Input``/``Output`` default to
/// `JSONValue`. The runner checks the mapped input against ``inputFields`` before calling.
///
/// ```swift
/// struct TrackEvent: Action {
///     let id = "track_event"
///     let inputFields = [FieldSchema(name: "eventName", type: .string), ...]
///     func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
///         try await context.sendJSON(.post, "api/events/track", body: input)
///     }
/// }
/// ```
public protocol Action: Sendable {
    associatedtype Input: JSONConvertible = JSONValue
    associatedtype Output: JSONConvertible = JSONValue

    /// Unique within the connector, `snake_case` (`upsert_user`).
    var id: String { get }
    /// A human name; defaults to the id in words (`Upsert user`).
    var name: String { get }
    /// One sentence on what it does.
    var summary: String { get }
    /// The input the action takes; mappings are checked and coerced against them.
    var inputFields: [FieldSchema] { get }
    /// What ``perform(_:context:)`` returns, for later steps' mappings.
    var outputFields: [FieldSchema] { get }
    /// How a bulk action splits its items into requests; `nil` for one request.
    var batching: Batching? { get }
    /// Example inputs (from `Schemas/`), each valid against ``inputFields``: the conformance
    /// check validates them, and docs show them.
    var samples: [JSONValue] { get }

    /// Sends the request(s) and returns what later steps may read.
    /// - Throws: ``ConnectorError`` (or any error, treated as permanent).
    func perform(_ input: Input, context: ActionContext) async throws -> Output
}

extension Action {
    public var name: String { ConnectorNaming.words(id) }
    public var summary: String { "" }
    public var outputFields: [FieldSchema] { [] }
    public var batching: Batching? { nil }
    public var samples: [JSONValue] { [] }

    /// The input fields as one object schema (for validation and mapping checks).
    public var inputSchema: FieldSchema {
        FieldSchema(name: "", type: .object, properties: inputFields)
    }

    /// The output fields as one object schema.
    public var outputSchema: FieldSchema {
        FieldSchema(name: "", type: .object, properties: outputFields)
    }

    /// Checks `input` against ``inputFields`` (types, formats, required fields and one-of
    /// groups), converts it, performs, and returns the output as JSON.
    /// - Throws: ``ConnectorError``: `invalid_input` listing every problem, or what perform threw
    ///   (other errors become permanent).
    public func run(_ input: JSONValue, context: ActionContext) async throws(ConnectorError) -> JSONValue {
        let problems = inputSchema.validate(input)
        guard problems.isEmpty else {
            throw .invalidInput("\(id): " + problems.map(\.description).joined(separator: "; "))
        }
        do {
            return try await perform(try Input(json: input), context: context).json
        } catch let error as ConnectorError {
            throw error
        } catch let error as DiagnosticsError {
            throw .invalidInput("\(id): \(error)")
        } catch {
            throw ConnectorError(.permanent, code: "action_failed", message: "\(id): \(error)")
        }
    }
}

/// Naming helpers shared by actions, triggers and connectors.
enum ConnectorNaming {
    /// `upsert_user` → `Upsert user`.
    static func words(_ id: String) -> String {
        let spaced = id.replacing("_", with: " ").replacing("-", with: " ")
        guard let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }
}
