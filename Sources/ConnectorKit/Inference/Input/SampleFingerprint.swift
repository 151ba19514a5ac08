/// A 64-bit FNV-1a hash of a sample's bytes: identifies distinct samples in bottom-k sketches.
enum SampleFingerprint {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
