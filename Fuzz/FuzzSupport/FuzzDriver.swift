#if os(Linux)
import Glibc
#else
import Darwin
#endif

/// The body of a fuzz target: one input, any bytes. It returns normally for every input the
/// code under test handles (accepted or refused with an error); a crash, trap or sanitizer
/// report is a finding.
public typealias FuzzBody = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if FUZZING
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ body: FuzzBody
) -> CInt
#endif

/// The `main` of every fuzz target.
///
/// Built with `-sanitize=fuzzer -DFUZZING` (Tests/reliability/fuzz.sh) it hands the command
/// line to libFuzzer. Built normally (`swift build`) it replays the files named on the command
/// line through the same body, so a crasher reproduces without the fuzzer:
/// `swift run FuzzJSON crash-1234`.
public enum FuzzDriver {
    public static func main(_ body: FuzzBody) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, body))
        #else
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty {
            writeError("usage: \(CommandLine.arguments[0]) FILE...  (replays inputs; build with Tests/reliability/fuzz.sh to fuzz)")
            exit(2)
        }
        for path in paths {
            guard let bytes = readFile(path) else {
                writeError("cannot read \(path)")
                exit(1)
            }
            _ = bytes.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
            print("ok \(path) (\(bytes.count) bytes)")
        }
        exit(0)
        #endif
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[0..<count])
            if count < chunk.count { return ferror(file) == 0 ? bytes : nil }
        }
    }
}

/// The fuzzer's input as a buffer (empty for a null pointer).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
    return UnsafeRawBufferPointer(start: data, count: size)
}

/// Stops the fuzzer with a message when a property of the code under test does not hold.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        writeError("fuzz property failed: \(message())")
        abort()
    }
}

/// Writes `message` and a newline to standard error.
func writeError(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
