import ConnectorKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A flow's own sample events (`trigger.samples`): files matched by glob patterns relative to
/// the config file, each holding one event (a JSON object), an array of events, or NDJSON
/// (`.ndjson`, `.jsonl`: one event a line).
enum SampleFiles {
    /// A problem with one pattern or file, said at the pattern's place in the config.
    struct Problem: Error {
        var message: String
        var hint: String?
    }

    /// The files `pattern` matches, sorted; a pattern without wildcards names one file.
    static func expand(_ pattern: String, relativeTo directory: String) throws(Problem) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : (directory as NSString).appendingPathComponent(pattern)
        var matches = glob_t()
        defer { globfree(&matches) }
        let status = glob(full, 0, nil, &matches)
        guard status == 0 else {
            throw Problem(message: "'\(pattern)' matches no file (looked for \(full))",
                          hint: "paths are relative to the config file's folder; check the name, or quote a pattern with * in YAML")
        }
        var paths: [String] = []
        for index in 0..<Int(matches.gl_pathc) {
            if let path = matches.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// The events in the file at `path`.
    static func events(in path: String) throws(Problem) -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(message: "cannot read \(path)", hint: nil)
        }
        let bytes = Array(data)
        if path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") {
            var events: [JSONValue] = []
            var lineNumber = 0
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\t") }) else { continue }
                do {
                    events.append(try event(JSONParser.parse(Array(line)), at: "\(path):\(lineNumber)"))
                } catch let problem as Problem {
                    throw problem
                } catch let error as JSONParseError {
                    throw Problem(message: "\(path):\(lineNumber):\(error.column): \(error.message)", hint: "an NDJSON file holds one JSON event a line")
                } catch {
                    throw Problem(message: "\(path):\(lineNumber): \(error)", hint: nil)
                }
            }
            return events
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw Problem(message: "\(path):\(error.line):\(error.column): \(error.message)", hint: "a sample file holds a JSON event, an array of events, or NDJSON (.ndjson)")
        }
        if case .array(let elements) = document {
            var events: [JSONValue] = []
            for (index, element) in elements.enumerated() { events.append(try event(element, at: "\(path) [\(index)]")) }
            return events
        }
        return [try event(document, at: path)]
    }

    private static func event(_ value: JSONValue, at place: String) throws(Problem) -> JSONValue {
        guard case .object = value else {
            throw Problem(message: "\(place): a sample event is a JSON object, found \(value.typeName)", hint: nil)
        }
        return value
    }
}
