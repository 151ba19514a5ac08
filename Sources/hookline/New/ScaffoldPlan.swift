import Foundation

/// Files to create and files to edit, checked as a whole before anything is written: nothing is
/// overwritten, and a refused plan leaves the package untouched.
struct ScaffoldPlan {
    /// Relative path → contents, in the order they are reported.
    var created: [(path: String, contents: String)] = []
    /// Relative path → new contents of an existing file.
    var edited: [(path: String, contents: String)] = []

    /// Writes the plan under `root`.
    /// - Throws: ``ScaffoldError`` when a file to create exists (nothing is written then), or a
    ///   write fails.
    func write(under root: URL) throws(ScaffoldError) {
        let files = FileManager.default
        let existing = created.map(\.path).filter { files.fileExists(atPath: root.appendingPathComponent($0).path) }
        guard existing.isEmpty else {
            throw ScaffoldError("refusing to overwrite \(existing.joined(separator: ", ")); remove \(existing.count == 1 ? "it" : "them") or choose another name")
        }
        for (path, contents) in created + edited {
            let url = root.appendingPathComponent(path)
            do {
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url, options: .atomic)
            } catch {
                throw ScaffoldError("could not write \(path): \(error.localizedDescription)")
            }
        }
    }

    /// Reads `path` under `root`.
    static func read(_ path: String, under root: URL) throws(ScaffoldError) -> String {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            throw ScaffoldError("found no \(path) in \(root.path): run this in the Hookline package root (the folder holding Package.swift), or give --package-path")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The report: each created and edited file.
    var summary: String {
        created.map { "created \($0.path)\n" }.joined() + edited.map { "edited  \($0.path)\n" }.joined()
    }
}
