#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole strings to standard output, unbuffered by Swift's `print`.
enum StandardOutput {
    static func write(_ text: String) { writeAll(1, text) }
}

/// Writes whole strings to standard error.
enum StandardError {
    static func write(_ text: String) { writeAll(2, text) }
}

private func writeAll(_ descriptor: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 { offset += written } else if written < 0, errno == EINTR { continue } else { return }
        }
    }
}
