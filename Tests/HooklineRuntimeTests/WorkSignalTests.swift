@testable import HooklineRuntime
import NIOConcurrencyHelpers
import Testing

/// The delivery dispatcher's wake-up: a poke, the poll timeout, or the dispatcher's cancellation.
@Suite struct WorkSignalTests {
    /// Starts a waiter with an hour's timeout, lets `act` run, and says whether the waiter ended
    /// within 30 s; if not, pokes it free so the test ends either way.
    static func waiterEnds(_ act: (WorkSignal, Task<Void, Never>) async throws -> Void) async throws -> Bool {
        let signal = WorkSignal()
        let ended = NIOLockedValueBox(false)
        let waiter = Task {
            await signal.wait(timeout: .seconds(3600))
            ended.withLockedValue { $0 = true }
        }
        try await act(signal, waiter)
        let result = try await eventually(timeout: .seconds(30)) { ended.withLockedValue { $0 } }
        if !result { signal.poke() }
        await waiter.value
        return result
    }

    @Test func aPokeWakesTheWaiter() async throws {
        #expect(try await Self.waiterEnds { signal, _ in signal.poke() })
    }

    @Test func cancellingTheWaiterEndsItsWait() async throws {
        #expect(try await Self.waiterEnds { _, waiter in waiter.cancel() })
    }

    @Test func aWaiterAlreadyWaitingIsWokenByCancellation() async throws {
        #expect(try await Self.waiterEnds { _, waiter in
            // Most likely suspended by now; if not, the cancellation is seen when it starts waiting.
            try await Task.sleep(for: .milliseconds(50))
            waiter.cancel()
        })
    }
}
