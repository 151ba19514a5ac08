import ConnectorKit
import Foundation

/// The sample payloads a package keeps under `Schemas/` (`Schemas/<connector>/<schema>/<name>.sample.json`),
/// read by name in tests, and small helpers to vary them.
public enum SchemaSamples {
    /// The package root holding `file`: the nearest folder above it with a `Package.swift`.
    public static func packageRoot(of file: StaticString = #filePath) throws -> URL {
        var folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        while folder.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder.deleteLastPathComponent()
        }
        throw ConnectorTestKitError("no Package.swift above \(file)")
    }

    /// `Schemas/<path>.sample.json` of the package holding `file`, parsed
    /// (`SchemaSamples.load("regal/contact/legacy-format")`).
    public static func load(_ path: String, near file: StaticString = #filePath) throws -> JSONValue {
        let url = try packageRoot(of: file).appendingPathComponent("Schemas/\(path).sample.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConnectorTestKitError("no sample at \(url.path)")
        }
        return try JSONParser.parse(Array(data))
    }
}

extension JSONValue {
    /// This object with member `key` set to `value` (`nil` removes it): a sample varied for one test.
    public func with(_ key: String, _ value: JSONValue?) -> JSONValue {
        var object = objectValue ?? JSONObject()
        object[key] = value
        return .object(object)
    }
}
