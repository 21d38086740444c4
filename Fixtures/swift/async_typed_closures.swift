// Closures whose async-ness comes from the type they are stored as or passed to, in a file
// with no async function, `await` or task API of its own (the pre-filter must not skip it).
import Foundation

let handler: () async -> Void = { sleep(1) } // expect: AL101
let optionalHandler: (@Sendable () async throws -> Void)? = { usleep(1) } // expect: AL101
let syncHandler: () -> Void = { sleep(1) }

final class Holder {
    let job: () async -> Void = {
        usleep(2) // expect: AL101
    }
}

func make() {
    let g: @Sendable () async -> Void = { sleep(1) } // expect: AL101
    _ = g
}

func kickoff(_ job: @escaping @Sendable () async -> Void, isolation: isolated (any Actor)? = #isolation) {}
func schedule(after delay: Double, run work: @escaping () async -> Void) {}
func later(_ work: @escaping () -> Void) {}

func syncCaller() {
    kickoff { sleep(3) } // expect: AL101
    kickoff({ sleep(3) }) // expect: AL101
    schedule(after: 1, run: { usleep(4) }) // expect: AL101
    schedule(after: 1) { usleep(4) } // expect: AL101
    later { sleep(5) }
}

// Two declarations of one name that disagree: the closure may go to the sync one.
func either(_ work: () async -> Void) {}
func either(_ work: () -> Void) {}

func ambiguous() {
    either { sleep(6) }
}

// An async overload forwarding to another overload of its name (declared in another file): the
// closures it passes go to that one, whose parameters this file does not show.
extension Routes {
    func socket(onUpgrade: @escaping (Int) async -> Void) {
        socket(onUpgrade: { value in
            usleep(1)
        })
    }
}
