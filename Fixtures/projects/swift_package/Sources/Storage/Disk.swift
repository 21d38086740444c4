import Foundation

public func readBlob(at path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

/// An overload with other labels that never blocks.
public func readBlob(at url: URL, cached: Bool) -> Data? {
    cached ? nil : Data()
}

/// Two overloads with the same labels that disagree: a call of either stays silent.
public func decode(_ data: Data) -> Int {
    Thread.sleep(forTimeInterval: 0.1)
    return data.count
}

public func decode(_ text: String) -> Int {
    text.count
}

/// A recursive function that never blocks: the fixpoint ends and stays silent.
public func walk(_ n: Int) {
    if n > 0 { walk(n - 1) }
}

/// A cycle with a blocking call in it: both functions block.
public func isEven(_ n: Int) -> Bool {
    n == 0 ? true : isOdd(n - 1)
}

public func isOdd(_ n: Int) -> Bool {
    usleep(10)
    return n == 0 ? false : isEven(n - 1)
}

/// Only offloads: the write runs on a global queue, so calling this does not block.
public func saveLater(_ data: Data, to url: URL) {
    DispatchQueue.global().async {
        try? data.write(to: url)
    }
}

/// Runs the blocking work inline through `map`: that blocks the caller.
public func sizes(of paths: [String]) -> [Int] {
    paths.map { FileManager.default.contents(atPath: $0)?.count ?? 0 }
}

public struct Cache {
    public init() {}

    public func load() -> Data? {
        readBlob(at: "cache.bin")
    }

    public static func preload() {
        _ = FileManager.default.contents(atPath: "preload.bin")
    }

    public func count() -> Int { 0 }
}

public protocol Loader {
    func fetch() -> Data?
}

extension Loader {
    /// Dispatches through the protocol: which `fetch` runs is not known here.
    public func fetchTwice() -> Data? {
        _ = fetch()
        return fetch()
    }
}

public struct DiskLoader: Loader {
    public func fetch() -> Data? {
        FileManager.default.contents(atPath: "loader.bin")
    }
}

/// Another target: the Server target's `Thread` and `readLine` are not these.
public func systemCalls() async {
    Thread.sleep(forTimeInterval: 1) // expect: AL101
    _ = readLine() // expect: AL106
}
