// Result builders, macros, nested types and parser ambiguities.
@resultBuilder
enum ListBuilder {
    static func buildBlock(_ parts: [String]...) -> [String] { parts.flatMap { $0 } }
    static func buildOptional(_ part: [String]?) -> [String] { part ?? [] }
    static func buildEither(first: [String]) -> [String] { first }
    static func buildEither(second: [String]) -> [String] { second }
    static func buildExpression(_ s: String) -> [String] { [s] }
}

@ListBuilder func items(flag: Bool) -> [String] {
    "a"
    if flag { "b" } else { make("c") }
    for x in 0..<3 { "\(x)" }
}

@attached(member, names: named(init), arbitrary)
@attached(extension, conformances: Equatable)
public macro AutoInit() = #externalMacro(module: "Macros", type: "AutoInitMacro")

@freestanding(expression) public macro stringify<T>(_ value: T) -> (T, String) = #externalMacro(module: "M", type: "S")

@AutoInit
struct Outer {
    struct Inner {
        enum Deep: Int { case one = 1, two }
        class Deeper<T> where T: Hashable {
            func go() -> T? { nil }
        }
    }
    let (x, y) = #stringify(compute(1 + 2))
    var body: some View {
        VStack(alignment: .leading) {
            Text("hi").font(.title)
            #if os(iOS)
            Button("tap") { tapped() }
            #endif
            ForEach(items(flag: true), id: \.self) { Text($0) }
        }
        .padding()
        .onAppear { Task { await load() } }
    }
}

func ambiguities(a: Int, b: Int, c: Int, d: Int) {
    f(a < b, c > d)
    f(a < b, c > (d))
    let g = Array<Int>.init()
    let h = a / b, i = a/b
    let j = [a] as [Int], k = a is Int
    let l = x as! [String: Any]
    if a < b { left() } else if a > b { right() }
    let m = (a, b) == (c, d)
    let n = a ... b
    let o = a..<b
    let p = (...a)
    let q = arr[...]
    let r = -a * -b
    let s = !flag
    let t = x?.y?.z?()
    let u = self.init == nil
    let v = super.description
    let w: () -> Void = {}
    let z = { [unowned self] in self.go() }
    print(g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, z)
}

class Sub: Base {
    override init(value: Int) {
        super.init(value: value)
        self.setup()
    }
    required init?(coder: Coder) { fatalError() }
    convenience init() { self.init(value: 0) }
    override func run() async throws -> Void { try await super.run() }
    final override var description: String { "Sub \(super.description)" }
    override class var kind: String { "sub" }
    class func factory() -> Self { .init(value: 1) }
    static func + (lhs: Sub, rhs: Sub) -> Sub { lhs }
    static prefix func - (x: Sub) -> Sub { x }
}

func effects() async throws {
    guard let value = try await source.next() else { throw Failure.empty }
    let results = try await withThrowingTaskGroup(of: Int.self, returning: [Int].self) { group in
        group.addTask(priority: .high) { try await compute(value) }
        var out: [Int] = []
        for try await r in group { out.append(r) }
        return out
    }
    await MainActor.run { update(results) }
    let stream = AsyncStream<Int> { continuation in
        continuation.yield(1)
        continuation.onTermination = { @Sendable _ in cleanup() }
    }
    for await v in stream.prefix(3) { consume(v) }
    try await Task.sleep(nanoseconds: 1_000)
    _ = try? await Task.value(of: detached)
    let h = Task { () async throws -> Int in try await heavy() }
    _ = await h.result
}
