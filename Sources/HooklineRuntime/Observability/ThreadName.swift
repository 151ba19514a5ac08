import Foundation

/// Names the calling thread as `top -H`, `perf` and `/proc/PID/task/*/comm` show it (Linux keeps
/// 15 bytes; Foundation's `Thread.name` does not reach the kernel there). Best effort.
enum ThreadName {
    static func set(_ name: String) {
        #if os(Linux)
        try? Data(name.utf8.prefix(15)).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
        #endif
    }
}
