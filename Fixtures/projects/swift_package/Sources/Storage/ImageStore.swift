import Foundation

/// Its methods are in ImageStore+Disk.swift, which has no async code of its own.
public actor ImageStore {
    var images: [String: Data] = [:]

    public init() {}
}

/// Runs on a queue of its own, not on the cooperative pool.
public actor QueueBound {
    let queue = DispatchSerialQueue(label: "queue-bound")

    public nonisolated var unownedExecutor: UnownedSerialExecutor { queue.asUnownedSerialExecutor() }
}
