#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory: the pages load on demand and can be evicted,
/// so a large corpus costs address space, not resident memory.
final class MappedFile: Sendable {
    private nonisolated(unsafe) let address: UnsafeMutableRawPointer
    let count: Int

    /// Maps the file open at `descriptor`, or returns `nil` when it is not a non-empty regular file
    /// (a pipe, a terminal, standard input, an empty file).
    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        madvise(mapped, size, MADV_SEQUENTIAL)
        address = mapped
        count = size
    }

    deinit {
        munmap(address, count)
    }

    /// The file's bytes; valid while this object lives.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: address, count: count) }
}
