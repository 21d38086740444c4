import Testing
@testable import Analysis

/// `CoroutineCallers.order` and `forEachPosition`, and the `HashGroups` counting sort under
/// them: keys (last name, qualified name) put in order by buckets must be in the order a sort
/// gives, and the positions that may name a class, found by searches, must be exactly those a
/// filter over every key finds, each once, in order.
@Suite struct ClassKeyOrderTests {
    /// A seeded linear congruential generator: the same keys on every run.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
        /// One of `values`.
        mutating func pick<T>(_ values: [T]) -> T { values[Int(next() >> 33) % values.count] }
    }

    /// Keys sorted as the walk sorts them; some loose (qualified name 0), some at the extremes.
    static func sortedKeys(seed: UInt64, count: Int) -> [ClassKey] {
        var numbers = Numbers(state: seed)
        let lasts: [UInt64] = [0, 1, 7, 8, 1000, .max - 1, .max]
        let fulls: [UInt64] = [0, 0, 1, 2, 5, .max - 1, .max]
        return (0..<count).map { _ in ClassKey(full: numbers.pick(fulls), last: numbers.pick(lasts)) }.sorted()
    }

    @Test func searchesFindWhatAFilterFinds() {
        let probes: [ClassKey] = [0, 1, 7, 8, 999, 1000, .max - 1, .max].flatMap { last in
            [0, 1, 2, 3, 5, .max - 1, .max].map { ClassKey(full: $0, last: last) }
        }
        for seed in 1...40 {
            let keys = Self.sortedKeys(seed: UInt64(seed), count: seed * 7 % 90)
            for cls in probes {
                var found: [Int] = []
                CoroutineCallers.forEachPosition(naming: cls, count: keys.count, key: { keys[$0] }) { found.append($0) }
                let naming = keys.indices.filter {
                    keys[$0].last == cls.last && (keys[$0].loose || cls.loose || keys[$0].full == cls.full)
                }
                #expect(found == naming, "seed \(seed), class \(cls)")
            }
        }
    }

    @Test func bucketsOrderKeysAsASortDoes() {
        for seed in 1...40 {
            var numbers = Numbers(state: UInt64(seed))
            // Many repeats of a few last names (a big bucket), and spread-out ones.
            let keys: [ClassKey] = (0..<(seed * 37 % 700)).map { i in
                let last = i % 3 == 0 ? numbers.next() : numbers.pick([5, .max, 1 << 63])
                return ClassKey(full: i % 4 == 0 ? 0 : numbers.next() >> (numbers.next() >> 58), last: last)
            }
            let order = CoroutineCallers.order(count: keys.count) { keys[$0] }
            #expect(order.sorted() == (0..<Int32(keys.count)).map { $0 }, "seed \(seed): every position once")
            let ordered = order.map { keys[Int($0)] }
            #expect(ordered == keys.sorted(), "seed \(seed)")
        }
    }

    /// `HashGroups`, built on the same counting sort: each key's items, and only those, in the
    /// items' order (the fixpoint relies on file order within a name).
    @Test func hashGroupsGiveEachKeysItemsInOrder() {
        for seed in 1...20 {
            var numbers = Numbers(state: UInt64(seed))
            let pool = (0..<(seed % 7 + 1)).map { _ in numbers.next() } + [0, .max]
            let keys = (0..<(seed * 53 % 400)).map { _ in numbers.pick(pool) }
            let groups = HashGroups(count: keys.count, key: { keys[$0] }, item: { $0 * 3 })
            for key in pool + [12345] {
                var items: [Int] = []
                groups.forEachItem(withKey: key) { items.append($0) }
                #expect(items == keys.indices.filter { keys[$0] == key }.map { $0 * 3 }, "seed \(seed)")
            }
        }
    }
}
