// Which code is an async context: async functions, initializers, accessors and closures, task
// closures, inline closures inside them; not offloaded or stored closures, nor nested functions.
import Dispatch
import Foundation

func inline(items: [Int]) async {
    let mapped = items.map { item -> Int in
        usleep(10) // expect: AL101
        return item
    }
    let filtered = items.filter { _ in sleep(1) == 0 } // expect: AL101
    let ok = items.contains(where: { _ in usleep(1) == 0 }) // expect: AL101
    let value: Int = {
        sleep(1) // expect: AL101
        return 1
    }()
    _ = (mapped, filtered, ok, value)
}

func offload() async {
    DispatchQueue.global().async {
        sleep(1)
        [1].forEach { _ in sleep(1) }
    }
    DispatchQueue.main.asyncAfter(deadline: .now() + 1) {
        sleep(1)
    }
    Thread {
        sleep(1)
    }.start()
    Thread.detachNewThread {
        sleep(1)
    }
    OperationQueue().addOperation {
        sleep(1)
    }
    let pool = NIOThreadPool(numberOfThreads: 1)
    _ = pool.runIfActive(eventLoop: loop) {
        sleep(1)
    }
}

func moreInline(data: Data, lock: NSLock, items: [Int]) async {
    data.withUnsafeBytes { _ in usleep(1) } // expect: AL101
    lock.withLock { usleep(2) } // expect: AL101
    _ = items.reduce(0) { total, item in
        usleep(3) // expect: AL101
        return total + item
    }
    _ = items.sorted { a, b in usleep(4) == 0 && a < b } // expect: AL101
    _ = items.first(where: { _ in usleep(5) == 0 }) // expect: AL101
}

func stored() async {
    let later = {
        sleep(1)
    }
    register(later)
    register {
        sleep(1)
    }
}

func explicitAsyncClosure() {
    let work: () async -> Void = { () async in
        sleep(1) // expect: AL101
    }
    register {
        await somethingAsync()
        sleep(1) // expect: AL101
    }
    _ = work
}

func groups() async {
    await withTaskGroup(of: Void.self) { group in
        sleep(1) // expect: AL101
        group.addTask {
            usleep(1) // expect: AL101
        }
        group.addTaskUnlessCancelled {
            usleep(2) // expect: AL101
        }
    }
    try? await withThrowingTaskGroup(of: Int.self) { group in
        usleep(3) // expect: AL101
        return 0
    }
    await withDiscardingTaskGroup { group in
        usleep(4) // expect: AL101
    }
}

actor Store {
    var items: [Int] = []

    /// Isolated to the actor: runs on the pool too (actor_isolation.swift).
    func save() {
        sleep(1) // expect: AL101
    }

    func load() async {
        sleep(1) // expect: AL101
    }
}

@MainActor
final class ViewModel {
    func onAppear() {
        Task {
            sleep(1) // expect: AL101
        }
    }
}

func conditional() async {
    #if os(Linux)
    sleep(1) // expect: AL101
    #elseif os(macOS)
    usleep(1) // expect: AL101
    #else
    let semaphore = DispatchSemaphore(value: 1)
    semaphore.wait() // expect: AL105
    #endif
}

func cancellation() async {
    await withTaskCancellationHandler {
        usleep(1) // expect: AL101
    } onCancel: {
        usleep(2)
    }
}

func register(_ body: @escaping () -> Void) {}
func register(_ body: @escaping () async -> Void) {}
func somethingAsync() async {}

// A NIO future's `map { }` runs later on its event loop, not in this task.
func futures(future: EventLoopFuture<Int>) async throws {
    _ = future.map { value -> Int in
        usleep(1)
        return value
    }
    _ = [1].map { value -> Int in
        usleep(1) // expect: AL101
        return value
    }
    // An array's flatMap is no future.
    _ = [[1]].flatMap { $0 }.map { value -> Int in
        usleep(1) // expect: AL101
        return value
    }
}

// swift-testing's `#expect(throws:)` and `#require` run their closures on the spot.
func expectations(data: Data, url: URL) async throws {
    #expect(throws: Never.self) { try data.write(to: url) } // expect: AL102
    #expect(throws: Never.self) { Thread.sleep(forTimeInterval: 1) } // expect: AL101
    #someMacro { sleep(1) }
}

func syncExpectations(data: Data, url: URL) throws {
    #expect(throws: Never.self) { try data.write(to: url) }
}

// A closure stored as an async function type is async code, whatever its own signature says.
func storedClosures() {
    let job: () async -> Void = {
        sleep(1) // expect: AL101
    }
    let optional: (@Sendable (Int) async -> Void)? = { _ in
        usleep(1) // expect: AL101
    }
    let plain: () -> Void = {
        sleep(2)
    }
    Task {
        await job()
        await optional?(1)
        plain()
    }
}

// `MainActor.run` runs its closure on the spot (on the main actor) while the caller awaits; a
// `run` on anything else is another API whose closure may run later, elsewhere.
func mainActorHop(worker: Worker, engine: some Engine) async {
    await MainActor.run { Thread.sleep(forTimeInterval: 1) } // expect: AL101
    await MainActor.run(body: {
        usleep(10) // expect: AL101
    })
    worker.run { usleep(10) }
    engine.run { usleep(10) }
    Worker.run { usleep(10) }
}
