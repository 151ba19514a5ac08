/// Layout shared by the emitters.
enum SwiftSourceText {
    /// Four spaces per level.
    static func indentation(_ level: Int) -> String {
        String(repeating: "    ", count: level)
    }
}
