// False-positive traps: nothing in this file may be reported.
import Dispatch
import Foundation

// Project types and functions that share names with blocking APIs.
struct Throttle {
    func sleep(_ seconds: Int) {}
    func wait() {}
    func sync(_ body: () -> Void) { body() }

    func run() async {
        sleep(1)
        wait()
        sync {}
    }
}

final class Semaphore {
    func wait() {}
    func lock() {}
}

func projectTypes(gate: Semaphore) async {
    gate.wait()
    gate.lock()
    let other = Semaphore()
    other.wait()
}

// Synchronous code, however blocking.
func synchronous() {
    Thread.sleep(forTimeInterval: 1)
    DispatchSemaphore(value: 0).wait()
    _ = FileManager.default.contents(atPath: "/")
    _ = readLine()
}

final class Loader {
    let queue = DispatchQueue(label: "loader")
    var cached: Data? {
        try? Data(contentsOf: URL(fileURLWithPath: "/tmp/cache"))
    }

    init() {
        queue.sync {}
    }

    deinit {
        queue.sync {}
    }

    // Work handed to another thread from async code.
    func load() async -> Data? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: try? Data(contentsOf: URL(fileURLWithPath: "/tmp/x")))
            }
        }
    }
}

// Async APIs with blocking-looking names.
func asyncLookalikes(clock: ContinuousClock, stream: AsyncStream<Int>, gate: AsyncGate) async throws {
    try await Task.sleep(for: .seconds(1))
    try await clock.sleep(for: .milliseconds(10))
    await gate.wait()
    for await value in stream { print(value) }
    let url = URL(string: "https://example.com")!
    let (data, _) = try await URLSession.shared.data(from: url)
    _ = data
}

// Tasks whose handles are kept, returned, awaited or owned by a group; non-throwing ones in sync code.
func tasks() async throws {
    let task = Task { try await Task.sleep(for: .seconds(1)) }
    try await task.value
    var tasks: [Task<Void, Never>] = []
    tasks.append(Task { await work() })
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await Task.sleep(for: .seconds(1)) }
        try await group.waitForAll()
    }
    async let first = compute()
    async let second = compute()
    let total = await first + second
    _ = (tasks, total)
}

func startFromSync() {
    Task { await work() }
    Task.detached { await work() }
}

// Mentions in strings, comments and key paths.
func mentions() async {
    // semaphore.wait() and Thread.sleep(forTimeInterval: 1) block
    let text = "DispatchQueue.main.sync { }"
    let path = \Semaphore.self
    _ = (text, path)
}

// Closures stored or passed to unknown functions do not run in the async context.
func stored() async {
    let later = { Thread.sleep(forTimeInterval: 1) }
    schedule(later)
    schedule { usleep(10) }
}

func work() async {}
func compute() async -> Int { 1 }
func schedule(_ body: @escaping () -> Void) {}
actor AsyncGate { func wait() async {} }
