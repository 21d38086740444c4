// Test doubles of the module: they shadow Foundation's `Thread` and the C library's `readLine`
// in every file of the Server target, and in no other target.
final class Thread {
    static func sleep(forTimeInterval interval: Double) {}
}

func readLine() -> String? { nil }

extension FileManager {
    /// An extension declares no type of the project: `FileManager` stays Foundation's.
    func nothing() {}
}

/// The target's own `usleep`: a helper calling it does not block (review 5).
@discardableResult
func usleep(_ microseconds: UInt32) -> Int32 { 0 }
