// Receiver types are inferred locally: initializers, annotations, typed parameters, stored
// properties (also from extensions), `Type.shared`-style statics and `self.x`. Anything else is
// unknown, and an unknown receiver only matches members no other API shares.
import Dispatch
import Foundation

func byInitializer() async {
    let semaphore = DispatchSemaphore(value: 0)
    semaphore.wait() // expect: AL105
    DispatchSemaphore(value: 1).wait() // expect: AL105
}

func byAnnotation(make: () -> DispatchGroup) async {
    let group: DispatchGroup = make()
    group.wait() // expect: AL105
    var optional: DispatchSemaphore? = nil
    optional?.wait() // expect: AL105
    optional = nil
}

func byParameter(_ semaphore: DispatchSemaphore, group: DispatchGroup?, item: DispatchWorkItem) async {
    semaphore.wait() // expect: AL105
    group?.wait() // expect: AL105
    item.wait() // expect: AL105
}

func byStatic() async {
    _ = FileManager.default.fileExists(atPath: "/") // expect: AL102
    let manager = FileManager.default
    _ = manager.contents(atPath: "/etc/hosts") // expect: AL102
    DispatchQueue.main.sync {} // expect: AL105
}

final class Downloader {
    static let shared = Downloader()
    let gate = DispatchSemaphore(value: 1)
    lazy var queue = DispatchQueue(label: "downloads")

    func start() async {
        gate.wait() // expect: AL105
        self.gate.wait() // expect: AL105
        queue.sync {} // expect: AL105
        Downloader.shared.gate.wait() // expect: AL105
    }

    func shadowing(gate: Turnstile) async {
        // The parameter hides the property: a `Turnstile` is not catalogued.
        gate.wait()
    }
}

extension Downloader {
    func finish() async {
        gate.wait() // expect: AL105
        let gate = Turnstile()
        gate.wait()
    }
}

func closures() async {
    let handler = { (semaphore: DispatchSemaphore) in
        semaphore.wait()
    }
    await withTaskGroup(of: Void.self) { group in
        group.addTask {
            let local = DispatchSemaphore(value: 0)
            local.wait() // expect: AL105
        }
    }
    _ = handler
}

// Unknown receivers stay silent for ambiguous members.
func unknown(a: Turnstile, b: SomeLock, queue: Scheduler) async {
    a.wait()
    b.lock()
    b.unlock()
    queue.sync {}
    let made = makeSemaphore()
    made.wait()
}

func makeSemaphore() -> DispatchSemaphore { DispatchSemaphore(value: 0) }
struct Turnstile { func wait() {} }

// A global declared further down the file.
func usesGlobal() async {
    sharedGate.wait() // expect: AL105
}

let sharedGate = DispatchSemaphore(value: 2)

// Static stored properties, through the type's name or `Self`; and the `NSLocking` protocol.
final class SharedGate {
    static let gate = DispatchSemaphore(value: 1)
    static let lock = NSLock()
    static let label = "gate"

    func enter() async {
        Self.gate.wait() // expect: AL105
        SharedGate.gate.wait() // expect: AL105
        SharedGate.lock.lock() // expect: AL105
        _ = Self.label.count
    }
}

func viaProtocol(_ locking: NSLocking, _ other: any NSLocking) async {
    locking.lock() // expect: AL105
    other.lock() // expect: AL105
    locking.unlock()
}
