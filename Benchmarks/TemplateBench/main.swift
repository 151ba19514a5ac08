// TemplateBench render CORPUS.ndjson TEMPLATE [--escape html|json|url|header|none] [--repeat N] [--out FILE]
// TemplateBench map CORPUS.ndjson MAPPING.json [--repeat N]
// Parses the events first, then times only rendering (or mapping), best of N. Prints
// "render hookline <renders/s> renders/s" (one core), "render-2cores hookline ..." (both cores),
// or "map hookline <events/s> events/s"; with --out, every render on its own line.
import ConnectorKit
import Foundation

/// Best wall time of `repeats` runs of `body`, in seconds.
func best(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let elapsed = try ContinuousClock().measure(body)
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

/// Renders every event once; returns the outputs.
func renderAll(_ template: Template, _ events: [JSONValue], _ escaping: TemplateEscaping) throws -> [[UInt8]] {
    var outputs: [[UInt8]] = []
    outputs.reserveCapacity(events.count)
    for event in events { outputs.append(try template.renderBytes(event, escaping: escaping)) }
    return outputs
}

func runRender(_ events: [JSONValue], templatePath: String, escaping: TemplateEscaping, repeats: Int, out: String?) throws {
    let template = try Template(try String(contentsOfFile: templatePath, encoding: .utf8))
    var outputs: [[UInt8]] = []
    let seconds = try best(repeats) { outputs = try renderAll(template, events, escaping) }
    if let out {
        var all: [UInt8] = []
        for output in outputs { all += output; all.append(0x0A) }
        try Data(all).write(to: URL(fileURLWithPath: out))
    }
    print("render hookline \(Int(Double(events.count) / seconds)) renders/s")
    // Both cores: the events split in two halves, each rendered by its own thread.
    let halves = [Array(events[..<(events.count / 2)]), Array(events[(events.count / 2)...])]
    let parallelSeconds = best(repeats) {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            _ = try? renderAll(template, halves[part], escaping)
        }
    }
    print("render-2cores hookline \(Int(Double(events.count) / parallelSeconds)) renders/s")
}

func runMap(_ events: [JSONValue], mappingPath: String, repeats: Int) throws {
    let spec = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: mappingPath))))
    let (mapping, diagnostics) = MappingCompiler().compile(spec)
    guard let mapping else {
        FileHandle.standardError.write(Data("\(diagnostics)\n".utf8))
        exit(1)
    }
    var fields = 0
    let seconds = try best(repeats) {
        fields = 0
        for event in events { if case .object(let object) = try mapping.apply(to: event) { fields += object.count } }
    }
    precondition(fields > 0)
    print("map hookline \(Int(Double(events.count) / seconds)) events/s")
}

func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 4, ["render", "map"].contains(arguments[1]) else {
        FileHandle.standardError.write(Data("usage: TemplateBench render|map CORPUS.ndjson TEMPLATE|MAPPING [--escape E] [--repeat N] [--out FILE]\n".utf8))
        exit(2)
    }
    func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
    let repeats = option("--repeat").flatMap(Int.init) ?? 3
    let corpus = Array(try Data(contentsOf: URL(fileURLWithPath: arguments[2])))
    let events: [JSONValue] = try corpus.split(separator: 0x0A).map { try JSONParser.parse(Array($0)) }
    if arguments[1] == "render" {
        let escaping = TemplateEscaping(rawValue: option("--escape") ?? "html") ?? .html
        try runRender(events, templatePath: arguments[3], escaping: escaping, repeats: repeats, out: option("--out"))
    } else {
        try runMap(events, mappingPath: arguments[3], repeats: repeats)
    }
}

try main()
