/// A fixed set of words (a language's keywords) found by a name's bytes with no loop and one
/// comparison: a name is packed into two 64-bit words (its first and its last eight bytes, the
/// same word when it is shorter) and its length, which pick one slot of a table where no two
/// of the words collide. A lexer asks this for every name: a hash table's hash loop, probe
/// loop and byte compare, or a `switch` over packed words (a binary search), mispredicted at
/// the end of each. Only a word longer than 16 bytes has its middle compared byte by byte.
public struct PackedWordTable<Value: Sendable>: Sendable {
    /// Per slot: the word's place in `entries`, 0 for none. Place 0 holds no word: its packed
    /// form, 0 and 0 of length 0, is that of no name a lexer asks about.
    @usableFromInline let slots: [UInt16]
    /// One array of the words' packed forms and values: a look-up reads one entry.
    @usableFromInline let entries: [Entry]
    /// The words' bytes, for the middle of those longer than 16.
    @usableFromInline let texts: [[UInt8]]
    /// What a name that is none of the words gets.
    @usableFromInline let none: Value
    /// The first of a fixed sequence that gives every word a slot of its own (found when the
    /// table is made, the same every run).
    @usableFromInline let multiplier: UInt64
    @usableFromInline static var slotBits: Int { 11 }

    @usableFromInline struct Entry: Sendable {
        @usableFromInline var first: UInt64
        @usableFromInline var last: UInt64
        @usableFromInline var length: Int
        @usableFromInline var value: Value
    }

    /// `none` is what a name that is none of the words gets.
    public init(_ words: [([UInt8], Value)], none: Value) {
        precondition(words.count < Int(UInt16.max) && !words.contains { $0.0.isEmpty }, "words of 1 byte or more, fewer than 65,535")
        var entries = [Entry(first: 0, last: 0, length: 0, value: none)]
        for (bytes, value) in words {
            let (first, last) = bytes.withUnsafeBufferPointer { Self.packed($0, 0, bytes.count) }
            entries.append(Entry(first: first, last: last, length: bytes.count, value: value))
        }
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var slots: [UInt16]
        search: while true {
            slots = [UInt16](repeating: 0, count: 1 << Self.slotBits)
            for k in 1..<entries.count {
                let slot = Self.slot(entries[k].first, entries[k].last, entries[k].length, multiplier)
                guard slots[slot] == 0 else {
                    multiplier = (multiplier &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
                    continue search
                }
                slots[slot] = UInt16(k)
            }
            break
        }
        self.slots = slots
        self.entries = entries
        self.texts = [[]] + words.map(\.0)
        self.none = none
        self.multiplier = multiplier
    }

    /// The value of the word `p[start..<end]` spells, or `none`.
    @inlinable @inline(__always) public func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Value {
        let n = end &- start
        // (No range check first: a name of no word's length fails the one comparison.)
        let (first, last) = Self.packed(p, start, end)
        let k = Int(slots[Self.slot(first, last, n, multiplier)])
        let entry = entries[k]
        // One comparison (no `&&`: each of its tests was a branch of its own).
        let matches = (entry.first ^ first) | (entry.last ^ last) | UInt64(truncatingIfNeeded: entry.length ^ n) == 0
        // The first and last eight bytes cover a word of up to 16; a longer one is compared whole.
        if n > 16 && matches {
            let text = texts[k]
            for j in 8..<(n &- 8) where p[start &+ j] != text[j] { return none }
        }
        return matches ? entry.value : none
    }

    @inlinable @inline(__always) static func slot(_ first: UInt64, _ last: UInt64, _ length: Int, _ multiplier: UInt64) -> Int {
        let h = (first ^ (last &* 0xFF51_AFD7_ED55_8CCD) ^ UInt64(truncatingIfNeeded: length)) &* multiplier
        return Int(truncatingIfNeeded: h >> UInt64(64 &- slotBits))
    }

    /// The first and the last (up to) eight bytes of `p[start..<end]`, packed little-endian. Selects, not branches, for the length: short and long names mix.
    @inlinable @inline(__always) static func packed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, UInt64) {
        let n = end &- start
        guard start &+ 8 <= p.count, let base = p.baseAddress else {
            // Near the buffer's end (and for the table's own words): byte by byte.
            var first: UInt64 = 0, last: UInt64 = 0
            for k in 0..<min(n, 8) {
                first |= UInt64(p[start &+ k]) << UInt64(8 &* k)
                last |= UInt64(p[end &- min(n, 8) &+ k]) << UInt64(8 &* k)
            }
            return (first, last)
        }
        let first = ByteMasks.load(base, at: start) & (UInt64.max >> UInt64(64 &- 8 &* min(n, 8)))
        let tail = ByteMasks.load(base, at: n > 8 ? end &- 8 : start)
        return (first, n > 8 ? tail : first)
    }
}
