import ArgumentParser
import ConnectorKit
import HooklineRuntime

/// `hookline map`: apply a mapping to an event, checked against schemas; or suggest one.
struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Apply or suggest mappings from a trigger's event to an action's input.",
        subcommands: [MapApplyCommand.self, MapSuggestCommand.self],
        defaultSubcommand: MapApplyCommand.self
    )
}

/// `hookline map --mapping M.yaml --input EVENT.json [--schema S.json] [--target FIELDS.json]`.
struct MapApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Map one event and print the action's input.",
        discussion: """
            The mapping (YAML or JSON) is checked first: against the source schema (--schema, e.g. from \
            'hookline schema infer') and the target fields (--target, a field list or JSON Schema). Any \
            error prints FILE:LINE:COLUMN diagnostics on stderr and exits 1; warnings are printed and \
            the event is mapped.
            """
    )

    @Option(help: "The mapping: YAML or JSON, action field → expression.")
    var mapping: String

    @Option(help: "The event, a JSON file ('-': standard input).")
    var input: String

    @Option(help: "The trigger's output schema (JSON Schema or field list).")
    var schema: String?

    @Option(help: "The action's input fields (field list or JSON Schema).")
    var target: String?

    func run() async throws {
        do {
            let spec = try YAMLDocument.read(mapping)
            let source = try schema.map { (path) throws(InputError) in try InputFile.fields(path) }
            let targetFields = try target.map { (path) throws(InputError) in try InputFile.fields(path).properties ?? [] }
            let event = try InputFile.json(input)
            let locations = spec.locations
            let compiler = MappingCompiler(source: source, target: targetFields, locate: { locations[$0] })
            let (compiled, diagnostics) = compiler.compile(spec.value)
            for diagnostic in diagnostics { StandardError.write("\(diagnostic)\n") }
            guard let compiled else { throw ExitCode.failure }
            do {
                let result = try compiled.apply(to: event)
                StandardOutput.write(result.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
            } catch {
                throw CommandFailure.report(error.description)
            }
        } catch let error as InputError {
            throw CommandFailure.report(error.description)
        }
    }
}

/// `hookline map suggest (--source S.json | --config C --flow F) (--target FIELDS.json | --step S)`.
struct MapSuggestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose a mapping by field names and types, with a confidence per field.",
        discussion: """
            Prints YAML ready for --mapping, each line commented with its confidence and reason; --json prints the             same as JSON. The source is a schema file, or a flow's own (--config, --flow: its trigger's schema with             its samples); the target a field file, or the flow's step (--step, default its first).
            """
    )

    @Option(help: "The trigger's output schema (JSON Schema or field list).")
    var source: String?

    @Option(help: "The action's input fields (field list or JSON Schema).")
    var target: String?

    @Option(help: "A config whose flow (--flow) gives the source schema, and its step the target fields.")
    var config: String?

    @Option(help: "The flow of --config.")
    var flow: String?

    @Option(help: "The step of --flow whose action fields are the target (default: its first step).")
    var step: String?

    @Flag(help: "Print JSON instead of YAML.")
    var json = false

    func validate() throws {
        if (config == nil) != (flow == nil) { throw ValidationError("--config and --flow go together") }
        if source == nil, flow == nil { throw ValidationError("give --source, or --config and --flow") }
        if target == nil, flow == nil { throw ValidationError("give --target, or --config and --flow (and --step)") }
        if step != nil, flow == nil { throw ValidationError("--step needs --config and --flow") }
    }

    func run() async throws {
        var sourceSchema: FieldSchema?
        var targetFields: [FieldSchema]?
        if let config, let flow {
            let loaded = try ConfigLoading.load(config)
            guard let compiled = loaded.flow(flow) else {
                throw CommandFailure.report("error: \(config) has no flow '\(flow)' (its flows: \(loaded.flows.map(\.id).joined(separator: ", ")))")
            }
            sourceSchema = compiled.source.schema
            guard let chosen = step.map({ id in compiled.steps.first { $0.id == id } }) ?? compiled.steps.first else {
                throw CommandFailure.report("error: flow '\(flow)' has no step '\(step ?? "")' (its steps: \(compiled.steps.map(\.id).joined(separator: ", ")))")
            }
            targetFields = chosen.action.inputFields
        }
        do {
            if let source { sourceSchema = try InputFile.fields(source) }
            if let target { targetFields = try InputFile.fields(target).properties ?? [] }
        } catch {
            throw CommandFailure.report(error.description)
        }
        guard let sourceSchema, let targetFields else { throw CommandFailure.report("error: no source or target") }
        let suggestions = MappingSuggester().suggest(source: sourceSchema, target: targetFields)
        if json {
            let list = JSONValue.array(suggestions.map { suggestion in
                var entry = JSONObject()
                entry["target"] = .string(suggestion.target)
                entry["source"] = suggestion.source.map { .string($0) } ?? .null
                entry["confidence"] = JSONNumber(suggestion.confidence).map(JSONValue.number) ?? .integer(0)
                entry["reason"] = .string(suggestion.reason)
                return .object(entry)
            })
            StandardOutput.write(list.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
            return
        }
        var text = "# Suggested by 'hookline map suggest': review every line before use.\n"
        let width = (suggestions.map { $0.target.count + ($0.source?.count ?? 0) }.max() ?? 0) + 10
        for suggestion in suggestions {
            let key = YAMLText.key(suggestion.target)
            let line: String
            if let source = suggestion.source {
                line = "\(key): \(YAMLText.quoted("{{\(source)}}"))"
            } else {
                line = "# \(key): ?"
            }
            let padding = String(repeating: " ", count: max(1, width - line.count))
            let confidence = suggestion.source == nil ? "no match" : JSONNumber(suggestion.confidence).map(\.literal) ?? "0"
            text += "\(line)\(padding)# \(confidence): \(suggestion.reason)\n"
        }
        StandardOutput.write(text)
    }
}

/// Writing YAML scalars safely.
enum YAMLText {
    static func key(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && !name.isEmpty ? name : quoted(name)
    }

    static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
