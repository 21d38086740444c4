/// An interned name. Symbols are per tree; compare text across trees with `SymbolTable.string`.
public struct Symbol: Hashable, Sendable {
    public var raw: Int32
    @inlinable public init(raw: Int32) { self.raw = raw }
    /// Computed and inlinable, as `NodeID.none` is (another module read a stored one through a call).
    @inlinable public static var none: Symbol { Symbol(raw: -1) }
    @inlinable public var isNone: Bool { raw < 0 }
}

/// Interns byte strings without allocating a `String` per occurrence: the bytes are stored once
/// in a flat buffer and found again through an open-addressing hash table.
public struct SymbolTable: Sendable {
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var offsets: [Int32] = [0]   // symbol i is bytes[offsets[i]..<offsets[i+1]]
    @usableFromInline var slots: [Int32]           // -1 empty, else symbol id
    @usableFromInline var hashes: [UInt32] = []
    @usableFromInline var strings: [String?] = []

    public init() {
        slots = [Int32](repeating: -1, count: 256)
    }

    public var count: Int { offsets.count - 1 }

    /// Interns the bytes of `buffer[range]`.
    ///
    /// Every identifier token of a file passes here (on the Swift corpus a quarter of them are
    /// new), so the look-up reads the tables through unsafe pointers, without an array bounds
    /// check per byte or per probe.
    public mutating func intern(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Symbol {
        let h = Self.hash(buffer, range)
        let mask = slots.count - 1
        var slot = Self.slot(of: h, mask: mask)
        let found: Int32 = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                while true {
                    let s = slots[slot]
                    if s < 0 { return -1 }
                    if hashes[Int(s)] == h && equals(Int(s), buffer, range) { return s }
                    slot = (slot &+ 1) & mask
                }
            }
        }
        if found >= 0 { return Symbol(raw: found) }
        let id = Int32(count)
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[range]))
        offsets.append(Int32(bytes.count))
        hashes.append(h)
        strings.append(nil)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return Symbol(raw: id)
    }

    /// Eight bytes a step, each step a multiply and a shift that mix them into the whole word.
    /// A byte-at-a-time hash (FNV-1a) mispredicted at the end of every identifier; most are
    /// eight bytes or shorter, one step. The last step reads the eight bytes that end the
    /// name and drops those before it (the buffer holds the file, so they are nearly always
    /// there; a name at the very start of a buffer is read byte by byte).
    @inline(__always) @usableFromInline static func hash(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt32 {
        @inline(__always) func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
            let m = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            return m ^ (m >> 29)
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while end &- i >= 8 {
            h = mix(h, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i &+= 8
        }
        let rest = end &- i
        if rest > 0 {
            var tail: UInt64 = 0
            if end >= 8 {
                tail = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: end &- 8, as: UInt64.self)) >> UInt64(8 &* (8 &- rest))
            } else {
                for k in 0..<rest { tail |= UInt64(buffer[i &+ k]) << UInt64(8 &* k) }
            }
            h = mix(h, tail)
        }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The first slot to probe: the hash's high bits are folded in first (with FNV-1a, whose
    /// low bits alone clustered, this kept the linear probes short).
    @inline(__always) @usableFromInline static func slot(of hash: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 15) ^ (hash >> 23)) & mask
    }

    /// A symbol's hash (made when it was interned): `hash(of:)` of its text.
    public func hash(_ s: Symbol) -> UInt32 { s.isNone ? Self.hash(of: "") : hashes[Int(s.raw)] }

    /// The hash the table gives a symbol of this text.
    public static func hash(of text: String) -> UInt32 {
        var t = text
        return t.withUTF8 { p in hash(UnsafeRawBufferPointer(p), 0..<p.count) }
    }

    /// Interns a string (used for synthesized names and by tests).
    public mutating func intern(_ text: String) -> Symbol {
        var t = text
        return t.withUTF8 { p in intern(UnsafeRawBufferPointer(p), 0..<p.count) }
    }

    /// The text of a symbol. Invalid UTF-8 is repaired with U+FFFD.
    public func string(_ s: Symbol) -> String {
        if s.isNone { return "" }
        let i = Int(s.raw)
        if let cached = strings[i] { return cached }
        return String(decoding: bytes[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
    }

    /// Whether a symbol's text is `text`, without making a `String`: the checks compare node
    /// details (`comprehension`, `tuple`, …) on every node they walk. False for `.none`.
    @inlinable public func equals(_ s: Symbol, _ text: StaticString) -> Bool {
        if s.isNone { return false }
        let i = Int(s.raw)
        let a = Int(offsets[i]), b = Int(offsets[i + 1])
        guard b - a == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        var k = 0
        while k < b - a {
            if bytes[a + k] != p[k] { return false }
            k += 1
        }
        return true
    }

    /// Whether a symbol's text holds `needle` (lowercase ASCII, starting with a letter) in any
    /// case (`DEBUG`, `_debug_mode` for `debug`), without making a `String`. False for `.none`.
    public func contains(_ s: Symbol, ignoringASCIICase needle: StaticString) -> Bool {
        if s.isNone { return false }
        let a = Int(offsets[Int(s.raw)]), b = Int(offsets[Int(s.raw) + 1])
        let n = needle.utf8CodeUnitCount, p = needle.utf8Start
        guard n > 0, b - a >= n else { return false }
        // Every symbol of a file is asked: only a start whose first byte matches is compared.
        return bytes.withUnsafeBufferPointer { held in
            let first = p[0]
            var start = a
            while start + n <= b {
                if held[start] | 0x20 == first {
                    var k = 1
                    while k < n {
                        var byte = held[start + k]
                        if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                        if byte != p[k] { break }
                        k += 1
                    }
                    if k == n { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// Looks a text up without interning it.
    public func lookup(_ text: String) -> Symbol? {
        var t = text
        return t.withUTF8 { p -> Symbol? in
            let buffer = UnsafeRawBufferPointer(p)
            let h = Self.hash(buffer, 0..<buffer.count)
            let mask = slots.count - 1
            var slot = Self.slot(of: h, mask: mask)
            while true {
                let s = slots[slot]
                if s < 0 { return nil }
                if hashes[Int(s)] == h && equals(Int(s), buffer, 0..<buffer.count) { return Symbol(raw: s) }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Eight bytes a step, as `hash` reads them: the last step compares the eight bytes that
    /// end both names, shifted past what precedes them.
    @usableFromInline func equals(_ id: Int, _ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        let a = Int(offsets[id]), b = Int(offsets[id + 1])
        let count = b &- a
        if count != range.count { return false }
        return bytes.withUnsafeBytes { held in
            @inline(__always) func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            }
            var i = 0
            while count &- i >= 8 {
                if word(held, a &+ i) != word(buffer, range.lowerBound &+ i) { return false }
                i &+= 8
            }
            let rest = count &- i
            if rest == 0 { return true }
            if b >= 8 && range.upperBound >= 8 {
                let shift = UInt64(8 &* (8 &- rest))
                return word(held, b &- 8) >> shift == word(buffer, range.upperBound &- 8) >> shift
            }
            for k in i..<count where held[a &+ k] != buffer[range.lowerBound &+ k] { return false }
            return true
        }
    }

    mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for id in 0..<count {
            var slot = Self.slot(of: hashes[id], mask: mask)
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }
}
