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

func fetchUser() async -> String { "" }
func fetchPosts() async throws -> [Int] { [] }
func prefetch() async {}
func pair() async -> (Int, Int) { (1, 2) }
func compute() async -> Int { 1 }
func consume(_ body: () async -> Int) async {}
