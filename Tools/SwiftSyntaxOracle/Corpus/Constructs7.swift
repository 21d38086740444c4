// Newer syntax: strict memory safety, module selectors, borrow accessors, isolated conformances.
struct Box<Value: ~Copyable>: ~Copyable {
    var storage: UnsafeMutablePointer<Value>
    var value: Value {
        borrow { storage.pointee }
    }
    var described: String {
        read { describe($0) }
    }
    func pointer() -> UnsafeRawPointer {
        let p = unsafe UnsafeRawPointer(storage)
        let q = unsafe (
            UnsafeRawPointer(convert(storage))
        )
        let r: Self = unsafe .init(storage: make())
        let s = unsafe(p)
        let t = copy(p), u = consume(q)
        return unsafe p + r.offset() + s.offset() + t.distance(to: u)
    }
}

struct Iterator: nonisolated AsyncIteratorProtocol, @preconcurrency Sendable {
    mutating func next() async -> Int? { await source.Swift::max(of: Swift::min(1, 2)) }
}

@MainActor class Model {
    nonisolated(unsafe) var cache: [Int] = []
    nonisolated func compute() async -> Int { await helper() }
    @concurrent func offload() async -> Int { await heavy() }
    nonisolated(nonsending) func inherit() async { await work() }
}

func sendingClosure(_ f: sending @escaping () async -> Void) { Task { await f() } }

func castInTernary<T>(_ key: String) async throws -> T? {
    let n = key.isEmpty ? 1 as Int : key is Substring ? 2 : 3
    return key == "foo" ? "bar" as? T : await fallback(n)
}

func effectsOnTheNextLine<R>(
    _ body: (_ inbound: Int, _ outbound: Int)
        async throws -> R,
    typed: (Int)
        throws(MyError) -> Void
) async throws -> R {
    let g: (Int)
    async let x = make()
    _ = await x
    return try await body(1, 2)
}
