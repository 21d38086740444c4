import Foundation
import Storage

func handle(path: String) async -> Int {
    let data = readBlob(at: path) // expect: AL110
    _ = readBlob(at: URL(fileURLWithPath: path), cached: true)
    _ = decode(path)
    walk(3)
    _ = isEven(4) // expect: AL110
    saveLater(Data(), to: URL(fileURLWithPath: path))
    _ = sizes(of: [path]) // expect: AL110
    Cache.preload() // expect: AL110
    let cache = Cache()
    _ = cache.load() // expect: AL110
    _ = cache.count()
    return data?.count ?? 0
}

func run(loader: some Loader) async {
    _ = loader.fetch()
    _ = loader.fetchTwice()
}

func start(path: String) {
    // Not async itself, but the task's closure is an async context.
    Task {
        _ = readBlob(at: path) // expect: AL110
    }
    _ = readBlob(at: path)
}

func shadowing(path: String) async {
    // A local closure shadows the project's function.
    let readBlob: (String) -> Data? = { _ in nil }
    _ = readBlob(path)
}

func offloaded(path: String) async {
    DispatchQueue.global().async {
        _ = readBlob(at: path)
    }
}

func usesTheModulesDoubles() async {
    // `Thread` and `readLine` are the target's own (TestDoubles.swift).
    Thread.sleep(forTimeInterval: 1)
    _ = readLine()
    _ = FileManager.default.contents(atPath: "/etc/hosts") // expect: AL102
}

// Sync helpers calling the target's own `Thread`, `readLine` and `usleep` (TestDoubles.swift):
// they do not block, so their callers get no AL110.
func pause() { Thread.sleep(forTimeInterval: 1) }
func prompt() -> String? { readLine() }
func nap() { usleep(10) }
/// The target's own `usleep` first, then a blocking call of Foundation's: it blocks.
func napThenRead() -> Data? {
    usleep(1)
    return FileManager.default.contents(atPath: "/etc/hosts")
}

func callsTheDoubles() async {
    pause()
    _ = prompt()
    nap()
    _ = napThenRead() // expect: AL110
}

// Computed properties and subscripts of another target's type (Storage/Settings.swift).
func readSettings(_ settings: Settings) async {
    _ = settings.config // expect: AL110
    _ = settings.name
    _ = settings["key"] // expect: AL110
    settings.reload() // expect: AL110
}

// An actor's isolated sync method blocks on the actor's executor, not in its caller; the
// others run in the caller.
func useStore(_ store: ImageStore, _ bound: QueueBound) async {
    await store.loadAll()
    store.peek() // expect: AL110
    ImageStore.warm() // expect: AL110
    await bound.drain() // expect: AL110
}
