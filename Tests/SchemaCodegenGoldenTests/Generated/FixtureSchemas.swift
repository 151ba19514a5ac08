import ConnectorKit

public enum FixtureSchemas {
    public static let `default` = FieldSchema(name: "", type: .object)
    public static let defaultSamples: [JSONValue] = []
    public static let edgeCases = FieldSchema(name: "", type: .object)
    public static let edgeCasesSamples: [JSONValue] = []
    public static let orderEvent = FieldSchema(name: "", type: .object)
    public static let orderEventSamples: [JSONValue] = []
}
