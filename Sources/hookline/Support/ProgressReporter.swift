#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import NIOConcurrencyHelpers

/// `--no-progress` for commands that show a progress line on a terminal.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Show no progress line (it is shown only when standard error is a terminal, and never under CI).")
    var noProgress = false

    /// A reporter for `label`: drawing on stderr when it is a terminal and progress is wanted,
    /// silent otherwise.
    func reporter(_ label: String, unit: ProgressUnit) -> ProgressReporter {
        ProgressReporter(label: label, unit: unit, enabled: !noProgress && ProgressReporter.standardErrorIsInteractive)
    }
}

/// A progress line on standard error, rewritten in place (`\r`) at most 10 times a second and
/// erased by ``finish()``. Safe to update from concurrent tasks. A disabled reporter writes
/// nothing, so callers update it unconditionally.
final class ProgressReporter: Sendable {
    struct State {
        var throttle = ProgressThrottle()
        var done = 0
        var total: Int?
        var drawn = false
        var finished = false
    }

    let label: String
    let unit: ProgressUnit
    let enabled: Bool
    private let state = NIOLockedValueBox(State())
    private let now: @Sendable () -> ContinuousClock.Instant
    private let write: @Sendable (String) -> Void
    private let columns: Int?

    init(label: String, unit: ProgressUnit, enabled: Bool,
         now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
         columns: Int? = ProgressReporter.terminalColumns(),
         write: @escaping @Sendable (String) -> Void = { StandardError.write($0) }) {
        self.label = label
        self.unit = unit
        self.enabled = enabled
        self.now = now
        self.columns = columns
        self.write = write
    }

    /// Whether standard error is a terminal a person watches: a TTY, not a dumb terminal, not CI.
    static var standardErrorIsInteractive: Bool {
        guard isatty(2) == 1 else { return false }
        if let term = getenv("TERM").map({ String(cString: $0) }), term == "dumb" { return false }
        if let ci = getenv("CI").map({ String(cString: $0) }), !ci.isEmpty, ci != "0", ci != "false" { return false }
        return true
    }

    /// The terminal's width, if stderr is one.
    static func terminalColumns() -> Int? {
        #if os(Linux)
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
        #else
        return nil
        #endif
    }

    /// Sets the total (`nil`: unknown).
    func setTotal(_ total: Int?) {
        guard enabled else { return }
        state.withLockedValue { $0.total = total }
    }

    /// Counts `count` more done, redrawing if the throttle allows.
    func advance(by count: Int) {
        guard enabled else { return }
        // Written under the lock, so lines reach the terminal in order and none after the clear.
        state.withLockedValue { state in
            guard !state.finished else { return }
            state.done += count
            guard state.throttle.shouldDraw(at: now()) else { return }
            state.drawn = true
            write(ProgressText.redraw(ProgressText.line(label, done: state.done, total: state.total, unit: unit), columns: columns))
        }
    }

    /// Erases the line (if one was drawn); later updates draw nothing.
    func finish() {
        guard enabled else { return }
        state.withLockedValue { state in
            if state.drawn, !state.finished { write(ProgressText.clear) }
            state.finished = true
        }
    }
}
