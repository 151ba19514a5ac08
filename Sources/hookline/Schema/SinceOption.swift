import ArgumentParser
import Foundation

/// `--since SPAN`: only events received within a span before now (`90s`, `30m`, `12h`, `7d`).
struct SinceOption: ParsableArguments {
    @Option(help: "Only events received within this span before now: 90s, 30m, 12h or 7d.")
    var since: String?

    func validate() throws {
        if let since, Self.seconds(since) == nil { throw ValidationError("--since takes a number and a unit: 90s, 30m, 12h or 7d; found '\(since)'") }
    }

    /// The earliest receipt time wanted (Unix seconds); nil without `--since`.
    var cutoff: Double? {
        since.flatMap(Self.seconds).map { Date().timeIntervalSince1970 - $0 }
    }

    /// `90s`, `30m`, `12h`, `7d` in seconds.
    static func seconds(_ span: String) -> Double? {
        guard let unit = span.last, let count = Double(span.dropLast()), count > 0 else { return nil }
        switch unit {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3600
        case "d": return count * 86400
        default: return nil
        }
    }
}
