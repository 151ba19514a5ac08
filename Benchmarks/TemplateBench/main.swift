// TemplateBench render CORPUS.ndjson TEMPLATE [--escape html|json] [--repeat N] [--out FILE]
// TemplateBench map CORPUS.ndjson MAPPING.json [--repeat N]
// Parses the events first, then times only rendering (or mapping) on one core, best of N.
// Prints "render hookline <renders/s> renders/s" (one core, then both cores) or
// "map hookline <events/s> events/s"; with --out, every render on its own line.
import ConnectorKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 4, ["render", "map"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: TemplateBench render|map CORPUS.ndjson TEMPLATE|MAPPING [--escape E] [--repeat N] [--out FILE]\n".utf8))
    exit(2)
}
func option(_ name: String) -> String? { arguments.firstIndex(of: name).map { arguments[$0 + 1] } }
let repeats = option("--repeat").flatMap(Int.init) ?? 3
let corpus = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))
let events: [JSONValue] = try corpus.split(separator: UInt8(ascii: "\n")).map { try JSONParser.parse(Array($0)) }

func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let elapsed = try ContinuousClock().measure(body)
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

if arguments[1] == "render" {
    let source = try String(contentsOfFile: arguments[3], encoding: .utf8)
    let template = try Template(source)
    let escaping = TemplateEscaping(rawValue: option("--escape") ?? "html") ?? .html
    var outputs: [[UInt8]] = []
    let seconds = try best {
        outputs.removeAll(keepingCapacity: true)
        for event in events { outputs.append(try template.renderBytes(event, escaping: escaping)) }
    }
    if let out = option("--out") {
        var all: [UInt8] = []
        for output in outputs { all += output; all.append(0x0A) }
        try Data(all).write(to: URL(fileURLWithPath: out))
    }
    print("render hookline \(Int(Double(events.count) / seconds)) renders/s")
    // Both cores: the events split in two halves, each rendered by its own thread.
    let halves = [Array(events[..<(events.count / 2)]), Array(events[(events.count / 2)...])]
    let parallelSeconds = best {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            var bytes = 0
            for event in halves[part] { bytes += (try? template.renderBytes(event, escaping: escaping).count) ?? 0 }
            precondition(bytes > 0)
        }
    }
    print("render-2cores hookline \(Int(Double(events.count) / parallelSeconds)) renders/s")
} else {
    let spec = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: arguments[3]))))
    let (mapping, diagnostics) = MappingCompiler().compile(spec)
    guard let mapping else {
        FileHandle.standardError.write(Data("\(diagnostics)\n".utf8))
        exit(1)
    }
    var count = 0
    let seconds = try best {
        count = 0
        for event in events { if case .object(let object) = try mapping.apply(to: event) { count += object.count } }
    }
    precondition(count > 0)
    print("map hookline \(Int(Double(events.count) / seconds)) events/s")
}
