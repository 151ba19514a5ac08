// JSONBench FILE.ndjson [--repeat N]
// Times ConnectorKit's JSON parser and serializer against Foundation's JSONSerialization on
// every line of an NDJSON file (best of N). Prints e.g. "parse hookline 512.3 MB/s".
import ConnectorKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: JSONBench FILE.ndjson [--repeat N]\n".utf8))
    exit(2)
}
let repeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 3
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[1]))
let lines: [Data] = data.split(separator: UInt8(ascii: "\n")).map { Data($0) }
let megabytes = Double(data.count) / 1e6

func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<repeats {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        fastest = min(fastest, seconds)
    }
    return fastest
}

func report(_ operation: String, _ tool: String, _ seconds: Double, bytes: Double = megabytes) {
    print("\(operation) \(tool) \(String(format: "%.1f", bytes / seconds)) MB/s")
}

var ours: [JSONValue] = []
var theirs: [Any] = []
report("parse", "hookline", try best {
    ours = try lines.map { line in try line.withUnsafeBytes { try JSONParser.parse($0) } }
})
report("parse", "foundation", try best {
    theirs = try lines.map { try JSONSerialization.jsonObject(with: $0) }
})
report("serialize", "hookline", best {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(data.count + 1024)
    for value in ours {
        value.write(to: &buffer)
        buffer.append(0x0A)
    }
    precondition(buffer.count > 0)
})
report("serialize", "foundation", try best {
    var total = 0
    for value in theirs { total += try JSONSerialization.data(withJSONObject: value).count + 1 }
    precondition(total > 0)
})
