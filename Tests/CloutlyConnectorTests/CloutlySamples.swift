import ConnectorKit
import Foundation

/// Files of this repository, found from this file's path: the sample payloads under
/// `Schemas/cloutly/` and the connector's sources.
enum CloutlyRepository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Schemas/cloutly/<name>.sample.json`, parsed.
    static func sample(_ name: String) throws -> JSONValue {
        let url = root.appendingPathComponent("Schemas/cloutly/\(name).sample.json")
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
}
