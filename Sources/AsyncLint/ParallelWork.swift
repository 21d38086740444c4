import Dispatch
import Foundation

/// Runs `body` for every index on up to `jobs` threads and returns the results in index order.
///
/// Workers take the next index from a shared counter (cheap work stealing: a big file keeps one
/// worker busy while the others drain the rest), and each result lands in its own slot, so the
/// output order never depends on scheduling.
enum ParallelWork {
    static func map<Result: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        let workers = max(1, min(jobs, count))
        if workers == 1 { return (0..<count).map(body) }
        let slots = ResultSlots<Result>(count: count)
        let counter = IndexCounter(limit: count)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = counter.next() {
                    slots.store(body(index), at: index)
                }
            }
        }
        return slots.collect()
    }
}

/// The next index to hand out, under a lock (one lock round trip per file is noise next to
/// reading and parsing it).
private final class IndexCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < limit else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }
}

/// One slot per index. Each slot is written by exactly one worker and read only after
/// `concurrentPerform` has returned, which is what makes the unchecked `Sendable` sound.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Result?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func store(_ result: Result, at index: Int) {
        storage[index] = result
    }

    /// Moves the results out (a copy would retain and later release every reference in them:
    /// thousands of scans and summaries, on one core, while the others wait).
    func collect() -> [Result] {
        (0..<count).map { index in
            guard let result = storage[index].take() else { preconditionFailure("no result for index \(index)") }
            return result
        }
    }
}

/// Frees a large value on another thread. The project index and the scans of thousands of
/// files take tens of milliseconds to tear down, node by node; the report does not need them,
/// so the other core frees them while this one renders it (and a CLI process may exit first:
/// the memory goes back to the system either way).
enum BackgroundRelease {
    /// `Value` need not be `Sendable`: it is consumed, so no one else uses it any more, and the
    /// other thread only drops it (reference counts are atomic).
    static func release<Value>(_ value: consuming Value) {
        let box = ReleaseBox(value)
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }
}

/// Holds the value until `drop()`, which runs on the releasing thread; the value is freed
/// there, whichever thread let go of the box last.
private final class ReleaseBox<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: consuming Value) { self.value = value }
    /// Called exactly once, by the one thread that holds the box then.
    func drop() { value = nil }
}
