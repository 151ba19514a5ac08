/// Run ids: `run_` and 20 random lower-case base-32 characters (100 bits), safe in URLs and logs.
enum RunID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func make() -> String {
        // Two draws of 64 bits (one `getrandom` each), five bits per character; drawing per
        // character cost 20 system calls per id on the store's writer thread.
        var generator = SystemRandomNumberGenerator()
        var bits = (generator.next() as UInt64, generator.next() as UInt64)
        var bytes: [UInt8] = Array("run_".utf8)
        bytes.reserveCapacity(24)
        for index in 0..<20 {
            if index < 12 {
                bytes.append(alphabet[Int(bits.0 & 31)])
                bits.0 >>= 5
            } else {
                bytes.append(alphabet[Int(bits.1 & 31)])
                bits.1 >>= 5
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
