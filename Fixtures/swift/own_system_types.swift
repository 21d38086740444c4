import Foundation

// Types of the file's own with the names of Foundation's: calls on them are the file's, not
// the catalogued APIs (review 4, #15). An extension declares no type.
final class Thread {
    static func sleep(forTimeInterval interval: Double) {}
    func cancel() {}
}

struct Response {
    /// A nested `Data`: only inside `Response` does `Data` mean it.
    struct Data {
        init(contentsOf url: URL) {}
    }

    func decode(_ url: URL) async {
        _ = Data(contentsOf: url)
    }
}

extension FileManager {
    func tidy() {}
}

func usesOwnThread(_ url: URL) async {
    Thread.sleep(forTimeInterval: 1)
    let thread = Thread()
    thread.cancel()
    _ = try? Data(contentsOf: url) // expect: AL102
    _ = FileManager.default.contents(atPath: "/tmp/x") // expect: AL102
    Foundation.Thread.sleep(forTimeInterval: 1) // expect: AL101
}
