/// Eight bytes at a time to one bit a byte (byte `k` of the word, the first in memory, is bit
/// `k`): what the byte loops over identifiers and words use to pass over them without a
/// branch a byte. A loop over the bytes decided at each byte whether the word went on, and
/// mispredicted at every word's end; with a mask, a word of up to eight bytes takes one step.
/// Users: `SourceScan` (the rest of a line, 64 bytes at a time), the Python lexer's names and
/// the Swift lexer's identifiers. (`SwiftDeclarationScan` was tried the same way: half its
/// mispredicted branches went, but no change in time could be measured, so it kept its loop.)
///
/// Each test works on the bytes with their high bit cleared, so that no sum carries into the
/// next byte: `v + (0x80 - lo)` then has its high bit set exactly when `v >= lo`.
public enum ByteMasks {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let high: UInt64 = 0x8080_8080_8080_8080

    /// Identifier bytes as the scan and the Python lexer have them: ASCII letters, digits, `_`,
    /// and every byte ≥ 0x80 (letters beyond ASCII).
    @inlinable public static func wordBytes(_ x: UInt64) -> UInt64 {
        gather(x & high | asciiLettersDigitsUnderscore(x & ~high))
    }

    /// Swift's ASCII identifier bytes: letters, digits, `_` and `$` (a byte ≥ 0x80 is not one:
    /// the lexer decodes it to tell an identifier's scalar from an operator's).
    @inlinable public static func swiftASCIIIdentifierBytes(_ x: UInt64) -> UInt64 {
        let v = x & ~high
        return gather((asciiLettersDigitsUnderscore(v) | equal(v, 0x24)) & ~x)
    }

    /// `\n` and `\r`.
    @inlinable public static func lineEnds(_ x: UInt64) -> UInt64 {
        let v = x & ~high
        return gather((equal(v, 0x0A) | equal(v, 0x0D)) & ~x)
    }

    /// The 8-byte word at `offset`, the first byte lowest.
    @inlinable public static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// From `start`, past the bytes `mask` marks, eight a step while eight are left before
    /// `end`: the first byte not marked (`done`), or where fewer than eight are left (then the
    /// caller goes on byte by byte).
    @inlinable @inline(__always) public static func skipRun(_ base: UnsafePointer<UInt8>, from start: Int, end: Int,
                                          _ mask: (UInt64) -> UInt64) -> (position: Int, done: Bool) {
        var i = start
        while end &- i >= 8 {
            let run = leadingRun(mask(load(base, at: i)))
            i &+= run
            if run < 8 { return (i, true) }
        }
        return (i, false)
    }

    /// How many of the eight bytes from the first on are in `mask` (0 to 8).
    @inlinable public static func leadingRun(_ mask: UInt64) -> Int {
        (~mask).trailingZeroBitCount
    }

    /// Per byte of `v` (each < 0x80), the high bit set for letters, digits and `_`.
    @inlinable static func asciiLettersDigitsUnderscore(_ v: UInt64) -> UInt64 {
        let digits = inRange(v, 0x30, 0x39)
        // ASCII letters of either case: with bit 0x20 set, exactly those fall in `a`...`z`.
        let letters = inRange(v | 0x20 &* ones, 0x61, 0x7A)
        return digits | letters | equal(v, 0x5F)
    }

    /// Per byte, the high bit set when `lo <= v <= hi` (`v` < 0x80 in every byte).
    @inlinable static func inRange(_ v: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        (v &+ (0x80 &- lo) &* ones) & ~(v &+ (0x7F &- hi) &* ones) & high
    }

    /// Per byte, the high bit set when `v == byte` (`v` < 0x80 in every byte).
    @inlinable static func equal(_ v: UInt64, _ byte: UInt64) -> UInt64 {
        ~((v ^ byte &* ones) &+ 0x7F &* ones) & high
    }

    /// The high bit of each byte to one bit each, byte k to bit k.
    @inlinable static func gather(_ m: UInt64) -> UInt64 {
        ((m >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
