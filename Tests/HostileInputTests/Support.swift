import AsyncLint
import Foundation
import LightSyntax
import Reporting
#if canImport(Glibc)
import Glibc
#endif

/// A directory under the system's temporary directory, removed when the test ends.
final class Scratch: @unchecked Sendable {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.path + "/asynclint-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) throws { try write(relative, bytes: Array(text.utf8)) }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    /// Runs the real driver over this directory (relative paths as reports print them).
    func lint(_ paths: [String] = ["."], jobs: Int = 1, linter: Linter = Linter()) throws -> LintReport {
        try linter.run(LintOptions(paths: paths, jobs: jobs, workingDirectory: root))
    }
}

/// Wall-clock seconds `body` takes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs `body` on a thread with a 512 KiB stack (the size of a secondary thread on macOS, and
/// far below Linux's 8 MiB main thread): unbounded recursion on a deep input overflows it.
func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return box.value!
}

/// Written by one thread before it signals, read by another after the wait.
final class ResultBox<T>: @unchecked Sendable { var value: T? }

/// Time linear in the size: the doubled input costs at most about 3× (with an absolute slack
/// for timer noise on a shared machine, and the better of two tries at each size).
func expectLinear(_ label: String, size: Int, _ work: (Int) throws -> Void) rethrows -> (Double, Double) {
    var small = Double.infinity, large = Double.infinity
    for _ in 0..<2 {
        small = min(small, try seconds { try work(size) })
        large = min(large, try seconds { try work(size * 2) })
        if large <= 3 * small + 0.25 { break }
    }
    return (small, large)
}

let asyncPythonPrelude = "import time\nasync def handler():\n"
