import Combine
import Dispatch
import Foundation

// Smaller gaps of review 4 (#20).
func misc(_ op: @escaping @Sendable () async -> Void) async {
    Dispatch.DispatchQueue.main.sync {} // expect: AL105
    _ = Future<Int, Never> { promise in
        sleep(1) // expect: AL101
        promise(.success(1))
    }
    _ = fopen("/tmp/x", "r") // expect: AL102
    _ = UIImage(contentsOfFile: "/tmp/a.png") // expect: AL102
    _ = NSImage(contentsOf: URL(fileURLWithPath: "/tmp/a.png")) // expect: AL102
    Task(operation: op) // expect: AL201
    let kept = Task(operation: op)
    _ = kept
}

func future(_ publisher: Future<Int, Never>) async {
    // A Future's operators run later, when it publishes.
    _ = publisher.map { value -> Int in
        sleep(2)
        return value
    }
}
