import ConnectorKit
import HooklineRuntime
import Foundation

/// Reading the files a command is given, with errors that name the file and position.
enum InputFile {
    /// The bytes of `path` (`-`: standard input), or an error message.
    static func bytes(_ path: String) throws(InputError) -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"
            throw InputError("\(path): error: \(reason)")
        }
        return Array(data)
    }

    /// The JSON document in `path`.
    static func json(_ path: String) throws(InputError) -> JSONValue {
        let bytes = try bytes(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError("\(path):\(error.line):\(error.column): error: \(error.message)")
        }
    }

    /// A field schema from a JSON Schema document (an object) or a field list (an array).
    static func fields(_ path: String) throws(InputError) -> FieldSchema {
        let document = try json(path)
        do {
            return try FieldSchema(document: document)
        } catch {
            throw InputError(error.diagnostics.map { "\(path): \($0)" }.joined(separator: "\n"))
        }
    }
}

/// A message for stderr about a bad input file.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension YAMLDocument {
    /// The YAML or JSON document in `path`, errors as ``InputError``.
    static func read(_ path: String) throws(InputError) -> YAMLDocument {
        let text = String(decoding: try InputFile.bytes(path), as: UTF8.self)
        do {
            return try YAMLDocument(text, file: path)
        } catch {
            throw InputError(error.description)
        }
    }
}
