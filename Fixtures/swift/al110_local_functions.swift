// AL110 blocking-via-helper through a function declared inside the async function: the project
// index never sees a local function, so the file's walk follows the call itself.
import Foundation

func refresh() async {
    func nap() { usleep(1) }
    func tidy() { print("tidy") }
    nap() // expect: AL110
    tidy()
    Task { // expect: AL201
        nap() // expect: AL110
    }
    // A closure in a local function may run later: its calls are not the function's.
    func later() { DispatchQueue.global().async { usleep(1) } }
    later()
}

func start() {
    func load() -> Data? { FileManager.default.contents(atPath: "/etc/hosts") }
    Task {
        _ = load() // expect: AL110
    }
    _ = load()
}

// The innermost declaration wins; one in another function is not visible here.
func shadowing() async {
    func wait() { sleep(1) }
    do {
        func wait() { print("fine") }
        wait()
    }
    wait() // expect: AL110
}

func elsewhere() async {
    wait()
}

func wait() {}
