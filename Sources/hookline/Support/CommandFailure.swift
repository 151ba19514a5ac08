import ArgumentParser

/// A failure already explained on stderr: exit 1 without another message.
struct CommandFailure {
    /// Prints `message` (one or more lines) on stderr and returns the exit code to throw.
    static func report(_ message: String) -> ExitCode {
        StandardError.write(message.hasSuffix("\n") ? message : message + "\n")
        return ExitCode.failure
    }
}
