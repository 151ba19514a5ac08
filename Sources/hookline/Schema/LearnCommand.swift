import ArgumentParser
import ConnectorKit
import Foundation
import HooklineRuntime

/// `hookline schema learn`: the schema of the events a store holds for one flow, to pin as its
/// `trigger.schema` after running it open for a while.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Infer a flow's schema from the events the run store holds.",
        discussion: """
            Reads the stored events of --flow (all of them, or those of the last --since, or the \
            newest --limit) and infers their schema with the same rules as 'hookline schema infer'. \
            The output names no file, time or count: the same events give the same bytes in any \
            order. Write it with -o and give it to the flow as trigger.schema.
            """
    )

    @Option(help: "The flow whose events to learn from.")
    var flow: String

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var since: SinceOption

    @Option(help: "Only the newest N events.")
    var limit: Int?

    @Option(help: "Output format: json-schema or fields.")
    var format: InferCommand.OutputFormat = .jsonSchema

    @Option(name: [.short, .long], help: "Write the schema to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let store = try await storeOptions.open()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookline-learn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.ndjson")
        let count = try await StoredEvents(flow: flow, since: since.cutoff, newest: limit).writeNDJSON(from: store, to: events)
        guard count > 0 else {
            StandardError.write("error: the store holds no events of flow '\(flow)'\(since.since.map { " from the last \($0)" } ?? "") "
                + "(hint: check the flow id, or post some events to /hooks/\(flow) first)\n")
            throw ExitCode.failure
        }
        let result: InferenceResult
        do {
            result = try await SchemaInferrer().infer(paths: [events.path], format: .ndjson)
        } catch {
            throw CommandFailure.report("error: \(error)")
        }
        let document: JSONValue = switch format {
        case .jsonSchema: result.schema.jsonSchema()
        case .fields: FieldSchema.fieldList(result.schema.properties ?? [])
        }
        let text = document.serialized(options: JSONWriteOptions(pretty: true)) + "\n"
        if let output {
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure.report("error: cannot write \(output): \(error.localizedDescription)")
            }
            StandardError.write("\(output): the schema of \(count) event\(count == 1 ? "" : "s") of flow '\(flow)'\n")
        } else {
            StandardOutput.write(text)
        }
    }
}
