import ConnectorKit
import Foundation
import HooklineRuntime

/// A flow's stored runs, read page by page (memory stays flat however many the store holds).
struct StoredEvents {
    var flow: String
    /// Only runs received at or after this time (Unix seconds).
    var since: Double?
    /// Only the newest this many.
    var newest: Int?

    static let page = 1000

    /// Calls `body` with each run, oldest first (with `newest`: newest first).
    func forEach(in store: any RunStore, _ body: (RunRecord) throws -> Void) async throws {
        let wanted = { (run: RunRecord) in since.map { run.createdAt >= $0 } ?? true }
        if let newest {
            for (_, run) in try await store.runs(RunFilter(flow: flow, limit: newest)) where wanted(run) { try body(run) }
            return
        }
        var after: Int64 = 0
        while true {
            let runs = try await store.runs(RunFilter(flow: flow, after: after, limit: Self.page))
            guard let last = runs.last else { return }
            for (_, run) in runs where wanted(run) { try body(run) }
            after = last.sequence
        }
    }

    /// Writes the events to `url` as NDJSON, one a line; returns how many.
    func writeNDJSON(from store: any RunStore, to url: URL) async throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CommandFailure.report("error: cannot create a temporary file at \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var count = 0
        var text = ""
        try await forEach(in: store) { run in
            // A body stored as it came may span lines (pretty JSON): those are written compact.
            let stored = run.storedEventText.flatMap { $0.utf8.contains(10) || $0.utf8.contains(13) ? nil : $0 }
            text += (stored ?? run.event.serialized()) + "\n"
            count += 1
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
        return count
    }
}
