import Foundation
import NIOConcurrencyHelpers

/// Threads of delivery's own for its tasks (a task executor preference of the delivery service).
///
/// On Swift's cooperative pool, delivery queued behind every webhook request: with senders
/// flooding ingest, each of a run's hops (lease, response, save) waited its turn behind hundreds
/// of request handlers, and delivery fell to a few hundred runs a second while the backlog grew.
/// On threads of its own it gets the operating system's fair share of the CPU however busy
/// ingest is. Jobs run in the order they arrive. After ``shutdown()`` the threads end once the
/// queue is empty; a job that still arrives then gets a thread of its own, so none is lost.
final class DeliveryExecutor: TaskExecutor, @unchecked Sendable {
    // `jobs` and `stopping` are guarded by `lock`, whose value says whether a thread has
    // something to do.
    private let lock = ConditionLock(value: false)
    private var jobs: [UnownedJob] = []
    private var next = 0
    private var stopping = false
    private var running = 0
    private let name: String

    /// Starts `threads` threads named `name`.
    init(threads: Int, name: String) {
        self.name = name
        lock.lock()
        for index in 0..<max(1, threads) { startThread(index) }
        lock.unlock()
    }

    /// Called with `lock` held.
    private func startThread(_ index: Int) {
        running += 1
        let name = "\(name)-\(index)"
        Thread { [self] in
            ThreadName.set(name)
            self.work()
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        lock.lock()
        jobs.append(job)
        if running == 0 { startThread(0) }
        lock.unlock(withValue: true)
    }

    /// Lets the threads end once the jobs already enqueued have run.
    func shutdown() {
        lock.lock()
        stopping = true
        lock.unlock(withValue: true)
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            lock.lock(whenValue: true)
            guard next < jobs.count else {
                // Nothing left: only a stop wakes a thread with an empty queue.
                running -= 1
                lock.unlock(withValue: true)
                return
            }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            } else if next >= 1024, next * 2 >= jobs.count {
                // Under constant load the queue never empties: drop the jobs already taken.
                jobs.removeFirst(next)
                next = 0
            }
            lock.unlock(withValue: !jobs.isEmpty || stopping)
            job.runSynchronously(on: executor)
        }
    }
}
