// Strings and comments that mention blocking calls are not calls: sleep(1), semaphore.wait().
import Foundation

func describe() async -> String {
    // Thread.sleep(forTimeInterval: 1) would block here.
    /* usleep(100) */
    let text = "call sleep(1) or Thread.sleep(forTimeInterval: 2) to block"
    let multi = """
        readLine()
        FileManager.default.contents(atPath: "/")
        """
    let raw = #"Data(contentsOf: url) \(not interpolated)"#
    let interpolated = "slept \(sleep(1)) seconds" // expect: AL101
    let nested = "input: \(readLine() ?? "none")" // expect: AL106
    return text + multi + raw + interpolated + nested
}
