/// Eight bytes at a time to one bit a byte (byte `k` of the word, the first in memory, is bit
/// `k`): what `SourceScan` uses to pass over the bytes it has no use for without a branch a
/// word. A loop over the bytes decided at each word's start and end, and those branches were
/// most of the scan's time. (`SwiftDeclarationScan` was tried the same way: half its
/// mispredicted branches went, but no change in time could be measured, so it kept its loop.)
///
/// Each test works on the bytes with their high bit cleared, so that no sum carries into the
/// next byte: `v + (0x80 - lo)` then has its high bit set exactly when `v >= lo`.
enum ByteMasks {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    /// Identifier bytes as `SourceScan` has them: ASCII letters, digits, `_`, and every byte
    /// ≥ 0x80 (letters beyond ASCII).
    @inline(__always) static func wordBytes(_ x: UInt64) -> UInt64 {
        let v = x & ~high
        let digits = inRange(v, 0x30, 0x39)
        // ASCII letters of either case: with bit 0x20 set, exactly those fall in `a`...`z`.
        let letters = inRange(v | 0x20 &* ones, 0x61, 0x7A)
        return gather(x & high | digits | letters | equal(v, 0x5F))
    }

    /// `\n` and `\r`.
    @inline(__always) static func lineEnds(_ x: UInt64) -> UInt64 {
        let v = x & ~high
        return gather((equal(v, 0x0A) | equal(v, 0x0D)) & ~x)
    }

    /// The 8-byte word at `offset`, the first byte lowest.
    @inline(__always) static func load(_ base: UnsafePointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// Per byte, the high bit set when `lo <= v <= hi` (`v` < 0x80 in every byte).
    @inline(__always) private static func inRange(_ v: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
        (v &+ (0x80 &- lo) &* ones) & ~(v &+ (0x7F &- hi) &* ones) & high
    }

    /// Per byte, the high bit set when `v == byte` (`v` < 0x80 in every byte).
    @inline(__always) private static func equal(_ v: UInt64, _ byte: UInt64) -> UInt64 {
        ~((v ^ byte &* ones) &+ 0x7F &* ones) & high
    }

    /// The high bit of each byte to one bit each, byte k to bit k.
    @inline(__always) private static func gather(_ m: UInt64) -> UInt64 {
        ((m >> 7) &* 0x0102_0408_1020_4080) >> 56
    }
}
