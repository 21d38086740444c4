import Foundation

// An actor's isolated methods run on its executor: for a default actor, a cooperative pool
// thread, sync methods included, and they hold the actor while they block (review 4, #5).
actor ImageCache {
    var entries: [String: Data] = [:]

    func load(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path) // expect: AL102
    }

    func evict() {
        let sem = DispatchSemaphore(value: 0)
        sem.wait() // expect: AL105
        Task { await self.refresh() }
    }

    func refresh() async {}

    /// Not isolated: runs on the caller's thread, whoever that is.
    nonisolated func peek(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    static func warm() {
        usleep(10)
    }

    /// Isolated to the main actor instead: blocking the UI thread is another problem.
    @MainActor func render() {
        Thread.sleep(forTimeInterval: 0.1)
    }

    /// Runs later, elsewhere.
    func schedule() {
        DispatchQueue.global().async { sleep(1) }
    }
}

extension ImageCache {
    func purge() {
        sleep(1) // expect: AL101
    }
}

/// An actor on a serial queue of its own: its methods do not run on the pool.
actor QueueBacked {
    let queue = DispatchSerialQueue(label: "q")
    nonisolated var unownedExecutor: UnownedSerialExecutor { queue.asUnownedSerialExecutor() }

    func read() -> Data? {
        FileManager.default.contents(atPath: "/etc/hosts")
    }
}

@MainActor final class ViewModel {
    func reload() {
        usleep(100)
    }
}
