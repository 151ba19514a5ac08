import Foundation
import NIOConcurrencyHelpers

/// Run ids: `run_` and 20 characters of Crockford base32, time-ordered: 10 for the milliseconds
/// since 1970, 10 (50 bits) random. Ids made later sort later, so the stores' indexes on run ids
/// (runs by id, attempts by run) grow at one end instead of touching a random page per insert;
/// a random id cost a WAL page per index per run at each commit.
enum RunID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    /// Random bits without a system call per id: SplitMix64, seeded once from the system's generator.
    private static let random = NIOLockedValueBox({ () -> UInt64 in
        var system = SystemRandomNumberGenerator()
        return system.next()
    }())

    static func make(now: Double = Date().timeIntervalSince1970) -> String {
        let milliseconds = UInt64(max(0, now) * 1000)
        let bits = random.withLockedValue { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var bytes: [UInt8] = Array("run_".utf8)
        bytes.reserveCapacity(24)
        for index in (0..<10).reversed() { bytes.append(alphabet[Int((milliseconds >> (5 * UInt64(index))) & 31)]) }
        for index in 0..<10 { bytes.append(alphabet[Int((bits >> (5 * UInt64(index))) & 31)]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
