/// Run ids: `run_` and 20 random lower-case base-32 characters (100 bits), safe in URLs and logs.
enum RunID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = Array("run_".utf8)
        for _ in 0..<20 { bytes.append(alphabet[Int(generator.next(upperBound: UInt8(32)))]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
