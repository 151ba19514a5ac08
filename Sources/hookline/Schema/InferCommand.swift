import ArgumentParser
import ConnectorKit

/// `hookline schema infer`: a JSON Schema (or field list) that every sample validates against.
struct InferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Infer a schema from sample JSON.",
        discussion: """
            Reads JSON files (one sample each), NDJSON (--ndjson), top-level arrays of samples (--each) \
            or CSV with a header row (--csv); '-' reads standard input. Prints JSON Schema 2020-12 \
            (default) or a Workato-style field list on stdout. On a terminal, a progress line on \
            stderr shows the bytes read (--no-progress hides it). The output is byte-identical for any \
            file order or --jobs. On bad input it prints FILE:LINE:COLUMN: error: ... on stderr, \
            nothing on stdout, and exits 1.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonSchema = "json-schema"
        case fields
    }

    @Option(help: "Output format: json-schema or fields.")
    var format: OutputFormat = .jsonSchema

    @Flag(help: "Each non-blank line of each file is one sample (NDJSON).")
    var ndjson = false

    @Flag(help: "Each file is a top-level JSON array whose elements are samples.")
    var each = false

    @Flag(help: "Each file is CSV with a header row; each row is a sample.")
    var csv = false

    @Option(help: "The CSV cell separator: one character, or 'tab'.")
    var separator: String = ","

    @Flag(help: "Make string fields with few distinct values enums.")
    var enums = false

    @Option(help: "An enum has at most this many values.")
    var maxEnumValues = 8

    @Option(help: "An object with more keys than this, all values of one type, is a map.")
    var mapThreshold = 50

    @Option(name: .customLong("override"), help: ArgumentHelp(
        "A decision for one path, POINTER=RULE (repeatable), e.g. /dataFields/payload=map.",
        discussion: "Rules: map, object, any, enum, no-enum, no-format, optional, required, nullable, type:<type>, format:<name>. '*' in the pointer matches every array item or map value."))
    var overrides: [String] = []

    @Option(help: "Samples nested deeper than this are refused.")
    var maxDepth = 256

    @Option(help: "Samples larger than this many bytes are refused.")
    var maxSampleBytes = 16 << 20

    @Option(help: "Worker threads (default: one per core). The output does not depend on it.")
    var jobs: Int?

    @Flag(help: "Print the evidence behind each decision on stderr.")
    var explain = false

    @Flag(help: "Print the time spent reading, inferring and writing (not process start-up) on stderr.")
    var timing = false

    @OptionGroup var progressOptions: ProgressOptions

    @Argument(help: "Sample files; '-' is standard input.")
    var files: [String]

    func validate() throws {
        if [ndjson, each, csv].filter({ $0 }).count > 1 {
            throw ValidationError("choose at most one of --ndjson, --each and --csv")
        }
        if files.isEmpty { throw ValidationError("give at least one sample file, or '-' for standard input") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDepth < 1 { throw ValidationError("--max-depth must be at least 1") }
        if maxSampleBytes < 2 { throw ValidationError("--max-sample-bytes must be at least 2") }
        _ = try separatorByte()
        _ = try parsedOverrides()
    }

    func run() async throws {
        var options = InferenceOptions()
        options.enums = enums
        options.maxEnumValues = maxEnumValues
        options.mapThreshold = mapThreshold
        options.overrides = try parsedOverrides()
        options.explain = explain
        options.parsing.maxDepth = maxDepth
        options.maxSampleBytes = maxSampleBytes
        if let jobs { options.jobs = jobs }
        let started = ContinuousClock.now
        let inputFormat: InferenceInputFormat =
            ndjson ? .ndjson : each ? .each : csv ? .csv(separator: try separatorByte()) : .json
        let result: InferenceResult
        let progress = progressOptions.reporter("infer", unit: .bytes)
        var inferrer = SchemaInferrer(options: options)
        if progress.enabled {
            progress.setTotal(FileSizes.total(of: files))
            inferrer.progress = { progress.advance(by: $0) }
        }
        do {
            result = try await inferrer.infer(paths: files, format: inputFormat)
            progress.finish()
        } catch {
            progress.finish()
            StandardError.write("\(error)\n")
            throw ExitCode.failure
        }
        for warning in result.warnings { StandardError.write("warning: \(warning)\n") }
        if explain {
            for note in result.notes { StandardError.write("explain: \(note)\n") }
        }
        let document: JSONValue = switch format {
        case .jsonSchema: result.schema.jsonSchema()
        case .fields: FieldSchema.fieldList(result.schema.properties ?? [])
        }
        StandardOutput.write(document.serialized(options: JSONWriteOptions(pretty: true)) + "\n")
        if timing {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            StandardError.write("timing: \(seconds) s\n")
        }
    }

    private func separatorByte() throws -> UInt8 {
        if separator == "tab" || separator == "\\t" { return 0x09 }
        guard separator.utf8.count == 1, let byte = separator.utf8.first, byte != UInt8(ascii: "\""),
              byte != 0x0A, byte != 0x0D
        else {
            throw ValidationError("--separator must be one ASCII character other than a quote or newline, or 'tab'")
        }
        return byte
    }

    private func parsedOverrides() throws -> [InferenceOverride] {
        try overrides.map { text in
            do { return try InferenceOverride(parsing: text) } catch { throw ValidationError("\(error)") }
        }
    }
}
