import Testing
@testable import Analysis

/// `CoroutineCallers.order` and `range(of:)`: keys (last name, qualified name) put in order by
/// buckets must be in the order a sort gives, and the positions that may name a class, found by
/// searches, must be exactly those a filter over every key finds.
@Suite struct ClassKeyRangeTests {
    /// Keys sorted as the walk sorts them; some loose (qualified name 0), some at the extremes.
    static func sortedKeys(seed: UInt64, count: Int) -> [ClassKey] {
        var state = seed
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (state >> 33) % bound
        }
        let lasts: [UInt64] = [0, 1, 7, 8, 1000, .max - 1, .max]
        let fulls: [UInt64] = [0, 0, 1, 2, 5, .max - 1, .max]
        var keys: [ClassKey] = []
        for _ in 0..<count {
            keys.append(ClassKey(full: fulls[Int(next(UInt64(fulls.count)))], last: lasts[Int(next(UInt64(lasts.count)))]))
        }
        return keys.sorted { $0.last != $1.last ? $0.last < $1.last : $0.full < $1.full }
    }

    @Test func searchesFindWhatAFilterFinds() {
        let probes: [ClassKey] = [0, 1, 7, 8, 999, 1000, .max - 1, .max].flatMap { last in
            [0, 1, 2, 3, 5, .max - 1, .max].map { ClassKey(full: $0, last: last) }
        }
        for seed in 1...40 {
            let keys = Self.sortedKeys(seed: UInt64(seed), count: seed * 7 % 90)
            for cls in probes {
                let found = CoroutineCallers.range(of: cls, count: keys.count) { (keys[$0].last, keys[$0].full) }
                let loose = keys.indices.filter { keys[$0].last == cls.last && keys[$0].loose }
                let exact = keys.indices.filter {
                    keys[$0].last == cls.last && !keys[$0].loose && (cls.loose || keys[$0].full == cls.full)
                }
                #expect(Array(found.loose) == loose, "seed \(seed), class \(cls)")
                #expect(Array(found.exact) == exact, "seed \(seed), class \(cls)")
            }
        }
    }

    @Test func bucketsOrderKeysAsASortDoes() {
        for seed in 1...40 {
            var state = UInt64(seed)
            func next() -> UInt64 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state
            }
            // Many repeats of a few last names (a big bucket), and spread-out ones.
            let keys: [ClassKey] = (0..<(seed * 37 % 700)).map { i in
                let last = i % 3 == 0 ? next() : [5, .max, 1 << 63][Int(next() >> 62) % 3]
                return ClassKey(full: i % 4 == 0 ? 0 : next() >> (next() >> 58), last: last)
            }
            let order = CoroutineCallers.order(count: keys.count) { (keys[$0].last, keys[$0].full) }
            #expect(order.sorted() == (0..<Int32(keys.count)).map { $0 }, "seed \(seed): every position once")
            let ordered = order.map { keys[Int($0)] }
            let sorted = keys.sorted { $0.last != $1.last ? $0.last < $1.last : $0.full < $1.full }
            #expect(ordered == sorted, "seed \(seed)")
        }
    }
}
