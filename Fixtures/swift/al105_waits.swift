// AL105 blocking-wait: semaphores, groups, locks, synchronous dispatch and future waits.
import Dispatch
import Foundation
import NIOCore
import os

func bridge() async {
    let semaphore = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        semaphore.signal()
    }
    semaphore.wait() // expect: AL105
    _ = semaphore.wait(timeout: .now() + 1) // expect: AL105
    let group = DispatchGroup()
    group.wait() // expect: AL105
    DispatchQueue.main.sync { print("hi") } // expect: AL105
    DispatchQueue.global().sync { print("hi") } // expect: AL105
    let queue = DispatchQueue(label: "work")
    queue.sync { print("hi") } // expect: AL105
    queue.async { print("fine") }
}

final class Counter {
    private let lock = NSLock()
    private let condition: NSCondition
    private let workQueue = DispatchQueue(label: "counter")
    private var value = 0

    init() {
        condition = NSCondition()
    }

    func increment() async {
        lock.lock() // expect: AL105
        value += 1
        lock.unlock() // releases, never waits: the `lock()` above is the one finding
        self.condition.wait() // expect: AL105
        workQueue.sync { value += 1 } // expect: AL105
    }

    func incrementSync() {
        lock.lock()
        value += 1
        lock.unlock()
    }
}

extension Counter {
    func drain() async {
        workQueue.sync {} // expect: AL105
    }
}

func nio(group: MultiThreadedEventLoopGroup, future: EventLoopFuture<Int>, promise: EventLoopPromise<Int>) async throws {
    _ = try future.wait() // expect: AL105
    _ = try promise.futureResult.wait() // expect: AL105
    _ = try await future.get()
    try group.syncShutdownGracefully() // expect: AL105
    try await group.shutdownGracefully()
}

func operations(queue: OperationQueue, operation: Operation) async {
    operation.waitUntilFinished() // expect: AL105
    queue.waitUntilAllOperationsAreFinished() // expect: AL105
    var mutex = pthread_mutex_t()
    pthread_mutex_lock(&mutex) // expect: AL105
}

// Receivers of unknown type: `wait()`, `lock()` and `sync` mean too many things.
func unknown(barrier: Barrier, mutex: Latch, channel: Channel) async throws {
    barrier.wait()
    mutex.lock()
    channel.sync {}
    try channel.pending.wait()
}

// What NIO's future-returning members give is an `EventLoopFuture`, whatever the receiver.
func channels(channel: Channel, handler: ChannelHandler) async throws {
    try channel.closeFuture.wait() // expect: AL105
    try channel.close().wait() // expect: AL105
    try channel.pipeline.addHandler(handler).wait() // expect: AL105
    _ = try channel.pipeline.handler(type: MyHandler.self).wait() // expect: AL105
    try EventLoopFuture.andAllSucceed([channel.close()], on: channel.eventLoop).wait() // expect: AL105
    try await channel.close()
    try await channel.pipeline.addHandler(handler).get()
}

// Core Data's synchronous hop to the context's queue, and Dispatch's parallel loop: both block
// the caller until the work is done; the loop also runs iterations on the calling thread.
func coreData(context: NSManagedObjectContext, container: NSPersistentContainer) async {
    context.performAndWait { print("saved") } // expect: AL105
    container.viewContext.performAndWait { print("saved") } // expect: AL105
    await context.perform { print("fine") }
    DispatchQueue.concurrentPerform(iterations: 4) { _ in // expect: AL105
        usleep(10) // expect: AL101
    }
}

// A project type of its own with the same member name stays silent.
struct Ledger {
    func performAndWait(_ body: () -> Void) { body() }
}

func ledger(book: Ledger) async {
    book.performAndWait {}
}

final class UnfairCounter {
    var raw = os_unfair_lock()
    let allocated = OSAllocatedUnfairLock()
    let guarded = OSAllocatedUnfairLock(initialState: 0)
    let recursive = NSRecursiveLock()
    let conditionLock = NSConditionLock(condition: 0)

    func bump() async {
        os_unfair_lock_lock(&raw) // expect: AL105
        os_unfair_lock_unlock(&raw)
        allocated.lock() // expect: AL105
        allocated.unlock()
        recursive.lock() // expect: AL105
        recursive.unlock()
        conditionLock.lock(whenCondition: 1) // expect: AL105
        conditionLock.unlock(withCondition: 0)
        // A short synchronous critical section: the lock cannot be held across an await.
        guarded.withLock { $0 += 1 }
        allocated.withLock { usleep(1) } // expect: AL101
    }
}
