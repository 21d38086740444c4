// AL101 blocking-sleep: sleeps that park a cooperative pool thread, in every async context.
import Foundation

func fetch() async throws {
    Thread.sleep(forTimeInterval: 0.5) // expect: AL101
    Thread.sleep(until: Date().addingTimeInterval(1)) // expect: AL101
    sleep(1) // expect: AL101
    usleep(1_000) // expect: AL101
    Darwin.sleep(2) // expect: AL101
    Foundation.Thread.sleep(forTimeInterval: 1) // expect: AL101
    try await Task.sleep(for: .seconds(1))
    try await Task.sleep(nanoseconds: 1_000_000)
}

// Not async: sleeping here is the caller's business.
func syncHelper() {
    Thread.sleep(forTimeInterval: 1)
    sleep(1)
}

final class Poller {
    init() async {
        usleep(10) // expect: AL101
    }

    var status: Int {
        get async {
            sleep(1) // expect: AL101
            return 0
        }
    }

    var cached: Int {
        sleep(1)
        return 1
    }

    func poll() async {
        // A nested function runs when called, not where it is declared: the call is AL110.
        func later() {
            sleep(1)
        }
        later() // expect: AL110
        let delays = [1, 2, 3]
        delays.forEach { usleep(useconds_t($0)) } // expect: AL101
        for delay in delays {
            if delay > 1 {
                Thread.sleep(forTimeInterval: Double(delay)) // expect: AL101
            }
        }
    }
}

// A project function called `sleep` is not the C library's.
struct Clock {
    func sleep(_ seconds: Int) {}

    func tick() async {
        sleep(1)
    }
}

// `sleep(for:)` and member calls are other APIs.
func other(clock: ContinuousClock) async throws {
    try await clock.sleep(for: .seconds(1))
}

func tasks() {
    Task {
        sleep(1) // expect: AL101
    }
    Task.detached {
        usleep(5) // expect: AL101
    }
    let work = {
        sleep(1)
    }
    work()
}
