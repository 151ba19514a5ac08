import ConnectorKit

/// What a flow's events hold: the schema its mappings are checked against, and whether it is
/// the whole story.
///
/// The schema is the trigger's, united with the flow's own samples (`trigger.samples`), or the
/// schema the flow pins (`trigger.schema`, as `hookline schema infer` writes it) united with
/// those samples. A trigger whose body the sender composes (an Iterable journey webhook) with
/// neither has an *open* source: the schema shows only what such bodies usually hold, so a
/// path it does not know is a warning (an error under `hookline validate --strict`).
public struct FlowSource: Sendable {
    /// The events' schema.
    public let schema: FieldSchema
    /// Whether events may hold members the schema does not list.
    public let isOpen: Bool
    /// Whether the flow gave the schema (`trigger.samples`, `trigger.schema`): form bodies are
    /// then typed by it.
    public let isFlowsOwn: Bool
    /// Where the schema comes from, for people: "the trigger's schema and 3 samples".
    public let origin: String
    /// The schema compiled for drift checks (each event of a flow with its own schema).
    public let driftCheck: SchemaDriftCheck

    public init(schema: FieldSchema, isOpen: Bool, isFlowsOwn: Bool, origin: String) {
        self.schema = schema
        self.isOpen = isOpen
        self.isFlowsOwn = isFlowsOwn
        self.origin = origin
        driftCheck = SchemaDriftCheck(schema)
    }
}
