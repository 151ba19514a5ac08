import ArgumentParser
import ConnectorKit
import Foundation
import HooklineRuntime

/// `hookline schema drift`: how a flow's stored events depart from the flow's own schema.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Summarise how a flow's stored events depart from its schema.",
        discussion: """
            Compares each stored event of --flow with the flow's own schema (trigger.samples or \
            trigger.schema in --config): members the schema does not know, types it does not \
            allow, required members missing. One line per path and kind, with the count, the first \
            and last time seen and an example run id; exits 0 whatever it finds.
            """
    )

    @Option(help: "The flow whose events to check.")
    var flow: String

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var since: SinceOption

    @Flag(help: "Print the summary as one JSON object.")
    var json = false

    func validate() throws {
        if storeOptions.config == nil { throw ValidationError("--config is needed: the flow's schema comes from its config") }
    }

    func run() async throws {
        let config = try ConfigLoading.load(storeOptions.config!)
        guard let compiled = config.flow(flow) else {
            throw CommandFailure.report("error: the config has no flow '\(flow)' (hint: its flows are \(config.flows.map(\.id).joined(separator: ", ")))")
        }
        guard compiled.source.isFlowsOwn else {
            throw CommandFailure.report("error: flow '\(flow)' has no schema of its own to compare with "
                + "(hint: add trigger.samples, or write one with hookline schema learn and give it as trigger.schema)")
        }
        let store = try await storeOptions.open(loaded: config)
        var report = DriftReport()
        try await StoredEvents(flow: flow, since: since.cutoff).forEach(in: store) { run in
            report.add(compiled.source.driftCheck.drift(of: run.event), run: run)
        }
        if json {
            StandardOutput.write(report.json(flow: flow).serialized(options: JSONWriteOptions(pretty: true)) + "\n")
        } else {
            StandardOutput.write(report.text(flow: flow))
        }
    }
}

/// Drift counted per path and kind over many events.
struct DriftReport {
    struct Entry {
        var drift: SchemaDrift
        var count = 0
        var found: [String] = []
        var firstSeen = Double.infinity
        var lastSeen = -Double.infinity
        var exampleRunID = ""
    }

    private(set) var events = 0
    private(set) var drifted = 0
    private var entries: [SchemaDrift.Kind: [String: Entry]] = [:]

    mutating func add(_ drifts: [SchemaDrift], run: RunRecord) {
        events += 1
        if !drifts.isEmpty { drifted += 1 }
        for drift in drifts {
            var entry = entries[drift.kind, default: [:]][drift.path] ?? Entry(drift: SchemaDrift(drift.kind, at: drift.path))
            entry.count += 1
            if let found = drift.found, !entry.found.contains(found) { entry.found.append(found) }
            if run.createdAt < entry.firstSeen {
                entry.firstSeen = run.createdAt
                entry.exampleRunID = run.id
            }
            entry.lastSeen = max(entry.lastSeen, run.createdAt)
            entries[drift.kind, default: [:]][drift.path] = entry
        }
    }

    /// Most frequent first; ties by path, then kind.
    var sorted: [Entry] {
        entries.values.flatMap(\.values).sorted {
            ($0.count, $1.drift.path, $1.drift.kind.rawValue) > ($1.count, $0.drift.path, $0.drift.kind.rawValue)
        }
    }

    func json(flow: String) -> JSONValue {
        ["flow": .string(flow), "events": .integer(Int64(events)), "drifted": .integer(Int64(drifted)),
         "drift": .array(sorted.map { entry in
             ["path": .string(entry.drift.path), "kind": .string(entry.drift.kind.rawValue), "count": .integer(Int64(entry.count)),
              "found": .array(entry.found.map(JSONValue.string)),
              "firstSeen": .string(RunJSON.timestamp(entry.firstSeen)), "lastSeen": .string(RunJSON.timestamp(entry.lastSeen)),
              "exampleRunId": .string(entry.exampleRunID)]
         })]
    }

    func text(flow: String) -> String {
        var text = "flow \(flow): \(drifted) of \(events) event\(events == 1 ? "" : "s") drifted from the schema\n"
        for entry in sorted {
            let found = entry.found.isEmpty ? "" : " (\(entry.found.joined(separator: ", ")))"
            text += "\(entry.count)\t\(entry.drift.kind.rawValue)\t\(entry.drift.path)\(found)\tfirst \(RunJSON.timestamp(entry.firstSeen))"
                + "\tlast \(RunJSON.timestamp(entry.lastSeen))\te.g. \(entry.exampleRunID)\n"
        }
        return text
    }
}
