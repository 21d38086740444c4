// AL102 blocking-file-io: Foundation file APIs in async code.
import Foundation

func load(url: URL, path: String) async throws -> Data {
    let data = try Data(contentsOf: url) // expect: AL102
    let text = try String(contentsOfFile: path, encoding: .utf8) // expect: AL102
    let other = try String(contentsOf: url, encoding: .utf8) // expect: AL102
    let old = NSData(contentsOfFile: path) // expect: AL102
    try data.write(to: url, options: .atomic) // expect: AL102
    try text.write(toFile: path, atomically: true, encoding: .utf8) // expect: AL102
    _ = (other, old)
    let viaInit = try Data.init(contentsOf: url) // expect: AL102
    return viaInit
}

func manager(path: String) async throws {
    let fm = FileManager.default
    if fm.fileExists(atPath: path) { // expect: AL102
        try fm.removeItem(atPath: path) // expect: AL102
    }
    let listing = try FileManager.default.contentsOfDirectory(atPath: "/tmp") // expect: AL102
    _ = FileManager.default.contents(atPath: path) // expect: AL102
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) // expect: AL102
    try fm.moveItem(at: URL(fileURLWithPath: path), to: URL(fileURLWithPath: "/tmp/x")) // expect: AL102
    _ = listing
}

func handles(path: String) async throws {
    guard let handle = FileHandle(forReadingAtPath: path) else { return } // expect: AL102
    let all = handle.readDataToEndOfFile() // expect: AL102
    let chunk = try handle.read(upToCount: 16) // expect: AL102
    let available = handle.availableData // expect: AL102
    _ = (all, chunk, available)
    let pipe = Pipe()
    let output = pipe.fileHandleForReading.readDataToEndOfFile() // expect: AL102
    _ = output
}

// A receiver of unknown type: only unambiguous members are reported.
func unknown(collection: Grid) async throws {
    let store = makeStore()
    _ = store.contents(atPath: "x") // expect: AL102
    try store.removeItem(at: 3)
    collection.moveItem(at: 1, to: 2)
    _ = try await store.read(upToCount: 4)
}

// `write(to:)` on an unknown receiver: a file write when the argument is visibly a URL;
// `write(to: &stream)` is TextOutputStreamable's.
func writes(path: String, target: URL, destination: Destination) async throws {
    let payload = makePayload()
    try payload.write(to: URL(fileURLWithPath: path)) // expect: AL102
    try payload.write(to: target) // expect: AL102
    try payload.write(to: destination)
    var text = ""
    "line".write(to: &text)
}

// A receiver known to be of another type is that type's business.
func known(store: ArchiveStore) async {
    _ = store.contents(atPath: "x")
}

// NIOFileSystem is the async way.
func nio(path: String) async throws {
    let info = try await FileSystem.shared.info(forFileAt: FilePath(path))
    _ = info
}

func notAsync(url: URL) throws -> Data {
    try Data(contentsOf: url)
}

// Awaited: an async API of the same name (NIOFileSystem's `Data(contentsOf:maximumSizeAllowed:)`,
// a project's own `FileHandle` whose `synchronize()` is async), not Foundation's.
protocol AsyncFileHandleWrapper {
    var fileHandle: FileHandle { get }
}

extension AsyncFileHandleWrapper {
    func flush(path: FilePath) async throws {
        try await self.fileHandle.synchronize()
        let contents = try await Data(contentsOf: path, maximumSizeAllowed: .bytes(1024))
        _ = contents
        try self.fileHandle.synchronize() // expect: AL102
    }
}
