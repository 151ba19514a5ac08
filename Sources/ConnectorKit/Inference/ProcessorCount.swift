#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of processors available to this process.
enum ProcessorCount {
    static var online: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
