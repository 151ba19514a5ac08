import ConnectorKit
import Foundation

/// The sample payloads under `Schemas/regal/` (copied from the shared API fixtures).
enum RegalSamples {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Schemas/regal/<name>.sample.json`, parsed.
    static func load(_ name: String) throws -> JSONValue {
        let url = repositoryRoot.appendingPathComponent("Schemas/regal/\(name).sample.json")
        return try JSONParser.parse(Array(try Data(contentsOf: url)))
    }
}

extension JSONValue {
    /// This object with `key` set to `value` (`nil` removes it).
    func with(_ key: String, _ value: JSONValue?) -> JSONValue {
        var object = objectValue ?? JSONObject()
        object[key] = value
        return .object(object)
    }

    /// This object with the member `key` of its `traits` set to `value` (`nil` removes it).
    func withTrait(_ key: String, _ value: JSONValue?) -> JSONValue {
        with("traits", (self["traits"] ?? [:]).with(key, value))
    }
}
