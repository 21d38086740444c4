import Foundation

/// Its stored properties are typed here; the async methods are in Repo+Async.swift.
public final class Repo {
    let lock = NSLock()
    let queue = DispatchQueue(label: "repo")
    let gate: DispatchSemaphore
    var items: [Int] = []

    public init() { gate = DispatchSemaphore(value: 1) }
}
