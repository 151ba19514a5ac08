import ConnectorKit
import Foundation

/// One schema: a folder whose `*.sample.json` files are samples of one payload.
public struct SchemaFolder: Sendable, Hashable {
    /// The folder as the first of its files names it (used in error messages).
    public var path: String
    /// The folder's own name, e.g. `system-webhook`.
    public var name: String
    /// The sample files, ordered by file name (byte order), each once.
    public var sampleFiles: [String]

    /// The suffix every sample file has.
    public static let sampleSuffix = ".sample.json"

    /// Groups sample files by the folder that holds them. The result does not depend on the
    /// order of `files`: folders come in name order, files in file-name order, repeats dropped.
    public static func grouping(_ files: [String]) -> [SchemaFolder] {
        var byDirectory: [String: [String]] = [:]
        for file in files {
            let directory = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
            byDirectory[directory, default: []].append(file)
        }
        return byDirectory.map { directory, files in
            var seen = Set<String>()
            let ordered = files
                .sorted { precedes(($0.fileName, $0), ($1.fileName, $1)) }
                .filter { seen.insert($0.fileName).inserted }
            let path = ordered[0].lastIndex(of: "/").map { String(ordered[0][..<$0]) } ?? "."
            return SchemaFolder(path: path, name: URL(fileURLWithPath: directory).lastPathComponent, sampleFiles: ordered)
        }
        .sorted { precedes(($0.name, $0.path), ($1.name, $1.path)) }
    }

    /// The `*.sample.json` files directly inside `directory`, in file-name order.
    /// - Throws: ``SchemaCodegenError`` when the folder cannot be read.
    public static func sampleFiles(in directory: String) throws(SchemaCodegenError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SchemaCodegenError(file: directory, message: "cannot list the folder's sample files: \(error.localizedDescription)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return names.filter { $0.hasSuffix(sampleSuffix) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { base + $0 }
    }

    /// Byte order on the first string, then on the second.
    private static func precedes(_ lhs: (String, String), _ rhs: (String, String)) -> Bool {
        lhs.0 != rhs.0 ? lhs.0.utf8.lexicographicallyPrecedes(rhs.0.utf8) : lhs.1.utf8.lexicographicallyPrecedes(rhs.1.utf8)
    }
}

extension String {
    /// The last path component.
    var fileName: String {
        guard let slash = lastIndex(of: "/") else { return self }
        return String(self[index(after: slash)...])
    }
}
