// AL203 unawaited-async-let: an `async let` nobody reads is cancelled when its scope ends.
func load() async throws -> Int {
    async let user = fetchUser() // expect: AL203
    async let _ = prefetch() // expect: AL203
    async let posts = fetchPosts()
    async let (a, b) = pair()
    let count = try await posts.count
    return count + (await a)
}

func shadowed() async {
    async let value = compute() // expect: AL203
    if true {
        let other = 1
        print(other)
    }
}

func readInNestedScope() async {
    async let value = compute()
    if Bool.random() {
        print(await value)
    }
}

func readInClosure() async {
    async let value = compute()
    await consume { await value }
}

// A name declared again in an inner scope is another variable: reading it reads not the task.
func shadowedInABlock() async {
    async let value = compute() // expect: AL203
    do {
        let value = 5
        print(value)
    }
}

func shadowedByAParameter() async {
    async let value = compute() // expect: AL203
    let increment = { (value: Int) in value + 1 }
    _ = increment
}

func readThenShadowed() async -> Int {
    async let value = compute()
    do {
        let value = await value
        return value
    }
}

// A tuple pattern is one child task: reading any of its values awaits all of it, so it is
// unread only when none is read; `_` is never read (`_ = 1` reads nothing).
func tuples() async {
    async let (p, q) = pair() // expect: AL203
    async let (r, _) = pair() // expect: AL203
    async let (_, _) = pair() // expect: AL203
    async let (s, t) = pair()
    let whole = (1, 2)
    async let (u, v) = whole // expect: AL203
    _ = 1
    print(await t)
}

func fetchUser() async -> String { "" }
func fetchPosts() async throws -> [Int] { [] }
func prefetch() async {}
func pair() async -> (Int, Int) { (1, 2) }
func compute() async -> Int { 1 }
func consume(_ body: () async -> Int) async {}
