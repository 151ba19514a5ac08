@testable import hookline
import Foundation
import Testing

@Suite struct ProgressLineTests {
    @Test func throttlesToTenRedrawsASecond() {
        var throttle = ProgressThrottle()
        let start = ContinuousClock.now
        let draws = (0..<1000).filter { throttle.shouldDraw(at: start + .milliseconds($0)) }
        #expect(draws == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
    }

    @Test func formatsCountsBytesAndPercentages() {
        let runs = ProgressUnit.items(singular: "run", plural: "runs")
        #expect(ProgressText.line("replay", done: 1500, total: 12000, unit: runs) == "replay: 1,500 of 12,000 runs (12%)")
        #expect(ProgressText.line("replay", done: 1, total: nil, unit: runs) == "replay: 1 run")
        #expect(ProgressText.line("infer", done: 12_500_000, total: 1_204_000_000, unit: .bytes) == "infer: 12.5 MB of 1.20 GB (1%)")
        #expect(ProgressText.percent(999, of: 1000) == 99)
        #expect(ProgressText.percent(1000, of: 1000) == 100)
        #expect(ProgressText.percent(5, of: 0) == 0)
        #expect(ProgressUnit.byteCount(999) == "999 B")
        #expect(ProgressUnit.byteCount(999_499) == "999 kB")
        #expect(ProgressUnit.byteCount(999_500) == "1.00 MB")
        #expect(ProgressUnit.byteCount(1_000) == "1.00 kB")
        #expect(ProgressUnit.grouped(1_234_567) == "1,234,567")
        #expect(ProgressText.redraw("abcdef", columns: 4) == "\rabc\u{1B}[K")
        #expect(ProgressText.redraw("ab", columns: nil) == "\rab\u{1B}[K")
    }

    /// A value behind a lock, for closures the reporter calls.
    final class Locked<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value
        init(_ value: Value) { self.value = value }
        func withLockedValue<T>(_ body: (inout Value) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&value)
        }
    }

    /// A clock tests move by hand.
    final class ManualClock: Sendable {
        private let offset = Locked(Duration.zero)
        let start = ContinuousClock.now
        func advance(_ by: Duration) { offset.withLockedValue { $0 += by } }
        var now: ContinuousClock.Instant { start + offset.withLockedValue { $0 } }
    }

    @Test func rewritesOneLineAndClearsItAtTheEnd() {
        let clock = ManualClock()
        let written = Locked<[String]>([])
        let reporter = ProgressReporter(label: "replay", unit: .items(singular: "run", plural: "runs"), enabled: true,
                                        now: { clock.now }, columns: 80, write: { text in written.withLockedValue { $0.append(text) } })
        reporter.setTotal(300)
        for _ in 0..<30 {
            reporter.advance(by: 10)
            clock.advance(.milliseconds(40))
        }
        reporter.finish()
        reporter.advance(by: 10)
        let lines = written.withLockedValue { $0 }
        // 30 updates 40 ms apart over 1.2 s: a redraw at 0, 120, 240, ... ms.
        #expect(lines == [
            "\rreplay: 10 of 300 runs (3%)\u{1B}[K", "\rreplay: 40 of 300 runs (13%)\u{1B}[K",
            "\rreplay: 70 of 300 runs (23%)\u{1B}[K", "\rreplay: 100 of 300 runs (33%)\u{1B}[K",
            "\rreplay: 130 of 300 runs (43%)\u{1B}[K", "\rreplay: 160 of 300 runs (53%)\u{1B}[K",
            "\rreplay: 190 of 300 runs (63%)\u{1B}[K", "\rreplay: 220 of 300 runs (73%)\u{1B}[K",
            "\rreplay: 250 of 300 runs (83%)\u{1B}[K", "\rreplay: 280 of 300 runs (93%)\u{1B}[K",
            "\r\u{1B}[K",
        ])
    }

    @Test func aDisabledReporterWritesNothing() {
        let written = Locked<[String]>([])
        let reporter = ProgressReporter(label: "infer", unit: .bytes, enabled: false, columns: 80,
                                        write: { text in written.withLockedValue { $0.append(text) } })
        reporter.advance(by: 100)
        reporter.finish()
        #expect(written.withLockedValue { $0 }.isEmpty)
    }
}
