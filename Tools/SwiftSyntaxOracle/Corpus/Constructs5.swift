// Layout: newlines, comments and semicolons in odd places.
func layout() async {
    let a = foo
        .bar()   // comment
        /* block */ .baz { x in
            x + 1
        }
        .qux(
            1,
            2
        ) { $0 }
        trailing: { $1 }
    let b = await
        fetch()
    let c = try
        await   load()
    let d = first(); let e = second(); third()
    compute(
        // comment inside arguments
        value: await value(), /* more */ other: try? parse()
    )
    if cond
    {
        nextLine()
    }
    else
    {
        elseLine()
    }
    guard let x = opt,
          let y = x.child
    else { return }
    let f = [
        first(),
        second(),
    ]
    let g = [
        "k": value(),
        "l": other(),
    ]
    let h = cond
        ? yes()
        : no()
    let i = x
        ?? fallback()
    call(a, b, c, d, e, f, g, h, i, y)
    array
        .map { $0 }
        .forEach {
            print($0)
        }
    let j = someFunction
    (paren)
    let k = someValue
    [0]
    closureTaker
    {
        inner()
    }
    Task {
        @MainActor in
        mainWork()
    }
    Task { @MainActor [weak self] () async -> Void in
        await self?.go()
    }
    let l = { () -> Int in 1 }
    let m = { (a: Int, b: Int) -> Int in a + b }
    let n = { _ in }
    let o = { (_: Int) in }
    let p: (Int) -> Int = { $0 + $1 }
    return
}

func returnForms() -> Int {
    if x { return
        compute() }
    return x.isEmpty
        ? 0
        : count()
}

func throwsForms() throws {
    throw Error.make(code: code())
}

struct Semicolons { let a = 1; let b = f(); func g() { h() }; var i: Int { j() } }

extension Collection where Element: Numeric {
    var total: Element { reduce(0, +) }
    func scaled(by k: Element) -> [Element] { map { $0 * k } }
}

func generics<A, B>(_ a: A, _ b: B) -> some Sequence<A> where A: Hashable, B: Collection, B.Element == A {
    [a].lazy.filter { b.contains($0) }
}

func opaqueParams(_ x: some Collection<Int>, _ y: any Error & Sendable) {}

func labels() {
    loop: for i in 0..<10 {
        switch i {
        case 1: continue loop
        case 2: break loop
        default: run(i)
        }
    }
    block: do {
        if skip() { break block }
        work()
    }
}
