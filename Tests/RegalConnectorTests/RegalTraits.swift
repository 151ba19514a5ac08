import ConnectorKit
import ConnectorTesting

extension JSONValue {
    /// This object with the member `key` of its `traits` set to `value` (`nil` removes it).
    func withTrait(_ key: String, _ value: JSONValue?) -> JSONValue {
        with("traits", (self["traits"] ?? [:]).with(key, value))
    }
}
