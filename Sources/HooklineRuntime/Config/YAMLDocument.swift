import ConnectorKit
import Yams

/// A YAML (or JSON: YAML is a superset) document as a ``JSONValue``, with the `line:column`
/// of every node by JSON Pointer, so diagnostics can point into the file.
public struct YAMLDocument: Sendable {
    /// The document's value.
    public let value: JSONValue
    /// `file:line:column` of each node, by JSON Pointer.
    public let locations: [String: String]

    /// Parses `text` from `file`.
    public init(_ text: String, file: String) throws(SourceFileError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SourceFileError("\(file):\(Self.position(of: error)): error: \(Self.problem(of: error))")
        } catch {
            throw SourceFileError("\(file): error: \(error)")
        }
        var locations: [String: String] = [:]
        value = try root.map { (node) throws(SourceFileError) in try Self.convert(node, pointer: "", file: file, locations: &locations) } ?? .null
        self.locations = locations
    }

    private static func convert(_ node: Node, pointer: String, file: String, locations: inout [String: String]) throws(SourceFileError) -> JSONValue {
        if let mark = node.mark { locations[pointer] = "\(file):\(mark.line):\(mark.column)" }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil { return .null }
                if let flag = node.bool { return .bool(flag) }
                if let integer = node.int { return .integer(Int64(integer)) }
                if node.float != nil, let number = try? JSONParser.parse(scalar.string), number.isNumber { return number }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try convert(element, pointer: "\(pointer)/\(index)", file: file, locations: &locations))
            }
            return .array(elements)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw SourceFileError("\(file):\(key.mark?.description ?? "?"): error: a key must be text")
                }
                if object[name] != nil {
                    throw SourceFileError("\(file):\(key.mark?.description ?? "?"): error: the key '\(name)' appears twice")
                }
                let child = pointer + "/" + JSONPath.pointerToken(name)
                if let mark = key.mark { locations[child] = "\(file):\(mark.line):\(mark.column)" }
                var nested = locations
                object[name] = try convert(value, pointer: child, file: file, locations: &nested)
                // Keep the key's position for the member itself; the value's for its insides.
                for (path, location) in nested where locations[path] == nil { locations[path] = location }
            }
            return .object(object)
        case .alias:
            throw SourceFileError("\(file):\(node.mark?.description ?? "?"): error: YAML aliases are not supported here")
        }
    }

    private static func position(of error: YamlError) -> String {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.description
        default: return "1:1"
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}

/// A file that could not be read or parsed: the message starts with `FILE:LINE:COLUMN`.
public struct SourceFileError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
