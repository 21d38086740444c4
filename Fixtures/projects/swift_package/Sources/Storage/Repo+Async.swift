import Foundation

// An extension in a file of its own: the property types come from Repo.swift (review 4, #2).
extension Repo {
    public func add(_ x: Int) async {
        lock.lock() // expect: AL105
        items.append(x)
        lock.unlock()
        queue.sync { items.append(x) } // expect: AL105
        self.gate.wait() // expect: AL105
    }

    public func count() async -> Int {
        let lock = Gate()
        lock.lock()
        return items.count
    }
}

/// Not a lock of Foundation's: a local of this type hides the property.
struct Gate {
    func lock() {}
}
