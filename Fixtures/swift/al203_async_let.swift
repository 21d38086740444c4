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

func fetchUser() async -> String { "" }
func fetchPosts() async throws -> [Int] { [] }
func prefetch() async {}
func pair() async -> (Int, Int) { (1, 2) }
func compute() async -> Int { 1 }
func consume(_ body: () async -> Int) async {}
