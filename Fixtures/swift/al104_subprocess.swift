// AL104 blocking-subprocess: waiting for a child process in async code.
import Foundation

func build() async throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/make")
    try process.run()
    process.waitUntilExit() // expect: AL104
    _ = system("ls") // expect: AL104
}

func viaParameter(_ task: Process) async {
    task.waitUntilExit() // expect: AL104
}

func unknownReceiver() async {
    let runner = makeProcess()
    runner.waitUntilExit() // expect: AL104
    processes[0].waitUntilExit() // expect: AL104
}

// A receiver known to be another type: its own `waitUntilExit()` is not `Process`'s.
func knownReceiver(runner: ScriptRunner) async {
    runner.waitUntilExit()
}

// The async way: a termination handler resumes a continuation.
func run(_ process: Process) async throws -> Int32 {
    try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { finished in
            continuation.resume(returning: finished.terminationStatus)
        }
        do {
            try process.run()
        } catch {
            continuation.resume(throwing: error)
        }
    }
}

// Inside an offload closure the wait happens on another thread.
func offloaded(process: Process) async {
    DispatchQueue.global().async {
        process.waitUntilExit()
    }
}
