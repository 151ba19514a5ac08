#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sizes of input files, for a progress total.
enum FileSizes {
    /// The summed size of `paths`, or `nil` when one is standard input (`-`) or not a regular file.
    static func total(of paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            guard path != "-" else { return nil }
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int(info.st_size)
        }
        return total
    }
}
