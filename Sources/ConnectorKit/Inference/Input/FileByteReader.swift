#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file (or standard input, path `-`) in blocks, without Foundation.
struct FileByteReader: ~Copyable {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// The name used in messages (`<stdin>` for `-`).
    let displayName: String

    init(path: String) throws(InferenceError) {
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
            displayName = "<stdin>"
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InferenceError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        descriptor = fd
        ownsDescriptor = true
        displayName = path
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The whole input mapped into memory, when it is a non-empty regular file.
    func map() -> MappedFile? {
        MappedFile(descriptor: descriptor)
    }

    /// Up to `count` bytes; fewer only at the end of the input; empty at its end.
    func read(upTo count: Int) throws(InferenceError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < count {
                let n = systemRead(descriptor, buffer.baseAddress! + initialized, count - initialized)
                if n > 0 {
                    initialized += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    break
                }
            }
        }
        if failure != 0 {
            throw InferenceError(file: displayName, message: "cannot read: \(String(cString: strerror(failure)))")
        }
        return bytes
    }

    /// The rest of the input.
    func readAll() throws(InferenceError) -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let block = try read(upTo: 1 << 20)
            if block.isEmpty { return all }
            all.append(contentsOf: block)
        }
    }
}

/// `read(2)`, named apart from ``FileByteReader/read(upTo:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
