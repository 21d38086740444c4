// More expression and pattern corner cases.
func corners() async throws {
    if #available(macOS 14, iOS 17, *) { modern() } else if #unavailable(tvOS 1) { legacy() }
    let get = 1; set(get); let async = 2; use(async)
    foo(await: 1, for: 2, in: 3, default: 4)
    let a = Dictionary<String, Array<Int>>()
    let b = Foo<Bar>?.none
    let c = [Foo<Bar>]()
    let d = items.map(Foo<Bar>.init)
    let e = Result<Array<Int>, Error>.success([])
    let f = "\({ 1 }()) and \(#"raw"#) and \(try await load())"
    let g = a ?? b ?? c()
    let h = 0..<items.count
    let i = x is String ? yes() : no()
    let j = Self.make(), k = Self(x: 1), l = .some(value()), m = Optional.some(3)
    let n = \Foo.self, o = \[Int].[0], p = \Foo.bar!.baz
    let q = #colorLiteral(red: 1, green: 0, blue: 0, alpha: 1), r = #fileID
    let s = x as Any
    let t = table[0] { $0 }
    switch (x, y) {
    case (let a, 0): one(a)
    case (_, _) where check(): two()
    case let (.some(u), v?): three(u, v)
    case .a(let z) where z > 0, .b: four()
    case is Int, is String: five()
    case let w as Int: six(w)
    default: seven()
    }
    for case let x? in optionals { use(x) }
    for (i, (a, b)) in pairs.enumerated() where i > 0 { pair(a, b) }
    func local(_ fn: @escaping (inout Int) throws -> Void) rethrows { var v = 0; try fn(&v) }
    struct LocalType { func method() { nested() } }
    try local { $0 += compute() }
    let closure = { (x: Array<Int>) throws(MyError) -> Int in try check(x) }
    lazy var lz = { make() }()
    defer { finish() }
    let values = [
        "a": { () -> Int in first() },
        "b": { second() },
    ]
    print(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, closure, values, lz)
}

struct Accessors {
    var storage: Int = 0
    var value: Int {
        _read { yield storage }
        _modify { yield &storage }
    }
    var obs: Int = 0 {
        didSet(old) { changed(old) }
    }
    var plain: Int { get { storage } }
    @objc dynamic var kvo: Int { get { 1 } set { store(newValue) } }
    var throwing: Int { get throws { try fetch() } }
    static var `default`: Accessors { Accessors() }
    init(x: Int = Accessors.compute(), y: @autoclosure () -> Int = zero()) { storage = x + y() }
}

protocol Proto {
    mutating func mutate()
    static var name: String { get }
    init(value: Int)
    subscript(i: Int) -> Int { get set }
    func generic<T>(_ t: T) async throws -> T where T: Sendable
}

#if compiler(>=5.9) && canImport(Foundation)
func conditional() { insideIf() }
#elseif swift(<5.0)
func conditional() { insideElseIf() }
#else
func conditional() {
    #if DEBUG
    debugOnly()
    #else
    releaseOnly()
    #endif
}
#endif
