import ConnectorKit
import Foundation

extension ConfigLoader {
    /// The flow's source from `trigger.samples` and `trigger.schema` (see ``FlowSource``).
    mutating func readFlowSource(_ object: JSONObject, trigger: any Trigger, options: JSONValue, at pointer: String) -> FlowSource {
        let directory = (file as NSString).deletingLastPathComponent
        var schema: FieldSchema?
        var origin: [String] = []
        if let value = object["schema"], let path = reader.string(value, at: pointer + "/schema") {
            let full = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
            schema = readSchemaFile(full, named: path, at: pointer + "/schema")
            origin.append(path)
        }
        let samples = readSamples(object["samples"], directory: directory, at: pointer + "/samples")
        if !samples.isEmpty {
            do {
                let inferred = try SchemaInferrer().infer(samples: samples).schema
                warnOfSkippedSamples(samples, trigger: trigger, options: options, at: pointer)
                schema = (schema ?? trigger.outputSchema(options: options)).extended(with: inferred)
                if origin.isEmpty { origin.append("the trigger's schema") }
                origin.append("\(samples.count) sample\(samples.count == 1 ? "" : "s")")
            } catch {
                reader.error("the samples' schema cannot be inferred: \(error)", at: pointer + "/samples")
            }
        }
        let given = object["schema"] != nil || object["samples"] != nil
        guard let schema else {
            return FlowSource(schema: trigger.outputSchema(options: options), isOpen: trigger.outputIsOpen(options: options) && !given,
                              isFlowsOwn: false, origin: "the trigger's schema")
        }
        return FlowSource(schema: schema, isOpen: false, isFlowsOwn: true, origin: origin.joined(separator: " and "))
    }

    /// A filter that would skip the flow's own samples skips its real events too: the
    /// trigger's filtered members missing from a sample are warned of (an Iterable journey
    /// webhook has no `workflowId` once "include email and workflowId" is unticked).
    private mutating func warnOfSkippedSamples(_ samples: [JSONValue], trigger: any Trigger, options: JSONValue, at pointer: String) {
        let members = trigger.filteredMembers(options: options)
        guard !members.isEmpty else { return }
        let lacking = samples.filter { sample in
            !members.contains { member in (try? JSONPath(dotted: member)).flatMap { sample.value(at: $0) } != nil }
        }
        guard !lacking.isEmpty else { return }
        reader.warning("\(lacking.count) of the \(samples.count) samples \(lacking.count == 1 ? "has" : "have") no \(members.joined(separator: " or ")), "
                       + "which the trigger's filter reads: such events are skipped, never run", at: pointer + "/options",
                       hint: "have the sender include \(members[0]) in every event, or drop the filter")
    }

    /// `samples: PATTERN` or `samples: [PATTERN, ...]`: every event of every matched file.
    private mutating func readSamples(_ value: JSONValue?, directory: String, at pointer: String) -> [JSONValue] {
        guard let value else { return [] }
        var patterns: [(pattern: String, at: String)] = []
        switch value {
        case .string(let pattern):
            patterns = [(pattern, pointer)]
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let pattern = reader.string(element, at: "\(pointer)/\(index)") { patterns.append((pattern, "\(pointer)/\(index)")) }
            }
        default:
            reader.error("samples must be a file pattern or a list of them, found \(value.typeName)", at: pointer,
                         hint: "samples: [samples/*.json]")
            return []
        }
        var events: [JSONValue] = []
        var failed = false
        for (pattern, at) in patterns {
            do {
                for path in try SampleFiles.expand(pattern, relativeTo: directory) {
                    events += try SampleFiles.events(in: path)
                }
            } catch {
                reader.error(error.message, at: at, hint: error.hint)
                failed = true
            }
        }
        if events.isEmpty, !failed {
            reader.error("the sample files hold no event", at: pointer, hint: "add at least one JSON object")
        }
        return events
    }

    /// A JSON Schema or field list file, as `hookline schema infer` writes it.
    private mutating func readSchemaFile(_ path: String, named name: String, at pointer: String) -> FieldSchema? {
        guard let data = FileManager.default.contents(atPath: path) else {
            reader.error("cannot read the schema file '\(name)' (looked for \(path))", at: pointer,
                         hint: "paths are relative to the config file's folder; write one with hookline schema infer or hookline schema learn")
            return nil
        }
        do {
            let schema = try FieldSchema(document: JSONParser.parse(Array(data)))
            guard schema.type == .object else {
                reader.error("the schema in '\(name)' describes \(schema.type.rawValue) values; a flow's events are objects", at: pointer)
                return nil
            }
            return schema
        } catch let error as JSONParseError {
            reader.error("\(path):\(error.line):\(error.column): \(error.message)", at: pointer)
        } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics {
                reader.error("\(path): \(diagnostic.message)\(diagnostic.location.map { " at \($0)" } ?? "")", at: pointer, hint: diagnostic.hint)
            }
        } catch {
            reader.error("\(path): \(error)", at: pointer)
        }
        return nil
    }
}
