import Foundation

// Extensions of actors that ImageStore.swift declares: the same rules as in that file.
extension ImageStore {
    public func loadAll() {
        usleep(10) // expect: AL101
        _ = readBlob(at: "images.bin") // expect: AL110
    }

    /// Not isolated: runs on the caller's thread.
    public nonisolated func peek() {
        usleep(1)
    }

    public static func warm() {
        usleep(1)
    }
}

extension QueueBound {
    public func drain() {
        usleep(1)
    }
}

/// Not an actor: an extension of a struct of another file stays sync code.
extension Settings {
    public func reload() {
        usleep(1)
    }
}
