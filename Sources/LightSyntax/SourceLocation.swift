#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A position: 1-based line, 1-based column counted in Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

public struct SourceRange: Hashable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }
}

/// Turns UTF-8 byte offsets into lines and Unicode-scalar columns.
///
/// Line starts are found once (`\n`, `\r\n` and a lone `\r` all end a line, as in Python and
/// Swift). A column is the number of scalars between the line start and the offset: bytes
/// that are not UTF-8 continuation bytes (0b10xxxxxx). To stay linear on a 50 MB single line,
/// the scalar count at every `checkpointStride` bytes of a long line is stored as well.
public struct LineMap: Sendable {
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    public private(set) var lineStarts: [Int32]
    /// For lines longer than the stride: (line index, byte offset, scalars before it on that line).
    @usableFromInline var checkpoints: [Int32: [Int32]] = [:]
    @usableFromInline var source: [UInt8]
    public static let checkpointStride = 4096

    public init(source: [UInt8]) {
        self.source = source
        var starts: [Int32] = [0]
        let n = source.count
        source.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            starts.reserveCapacity(n / 32 + 1)
            // Most files have no `\r` at all: then `memchr` for `\n` finds the line starts
            // (vectorised) instead of a byte loop (9 instructions a byte).
            if memchr(base, 13, n) == nil {
                var i = 0
                while i < n, let hit = memchr(base + i, 10, n - i) {
                    i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) + 1
                    starts.append(Int32(truncatingIfNeeded: i))
                }
                return
            }
            var i = 0
            while i < n {
                let b = p[i]
                if b == 10 {
                    starts.append(Int32(i + 1))
                } else if b == 13 {
                    if i + 1 < n && p[i + 1] == 10 { i += 1 }
                    starts.append(Int32(i + 1))
                }
                i += 1
            }
        }
        lineStarts = starts
        for line in 0..<starts.count {
            let a = Int(starts[line])
            let b = line + 1 < starts.count ? Int(starts[line + 1]) : n
            if b - a > Self.checkpointStride {
                var counts: [Int32] = []
                var scalars: Int32 = 0
                source.withUnsafeBufferPointer { p in
                    var i = a
                    while i < b {
                        if (i - a) % Self.checkpointStride == 0 { counts.append(scalars) }
                        if p[i] & 0xC0 != 0x80 { scalars += 1 }
                        i += 1
                    }
                }
                checkpoints[Int32(line)] = counts
            }
        }
    }

    public var lineCount: Int { lineStarts.count }

    /// The 0-based index of the line holding `offset`.
    public func lineIndex(ofByte offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(lineStarts[mid]) <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    public func location(ofByte rawOffset: Int) -> SourceLocation {
        let offset = max(0, min(rawOffset, source.count))
        let line = lineIndex(ofByte: offset)
        let start = Int(lineStarts[line])
        var scalars = 0
        var from = start
        // Only files with a line longer than the stride have checkpoints: the others skip
        // the dictionary's hashing (every location asked, once per finding and call site).
        if !checkpoints.isEmpty, let counts = checkpoints[Int32(line)] {
            let k = min((offset - start) / Self.checkpointStride, counts.count - 1)
            scalars = Int(counts[k])
            from = start + k * Self.checkpointStride
        }
        scalars += self.scalars(from: from, to: offset)
        return SourceLocation(line: line + 1, column: scalars + 1)
    }

    /// The locations of `start` and of `end` (≥ `start`) at once, as a node's range asks: the
    /// end is mostly on the start's line or a few lines on, so it is found by stepping on from
    /// the start's line and, on that line, counting on from the start's column, not by a second
    /// binary search and a count from its line's start.
    public func locations(ofByte rawStart: Int, andByte rawEnd: Int) -> (SourceLocation, SourceLocation) {
        let first = location(ofByte: rawStart)
        // A long line's columns come from its checkpoints, which `location` reads.
        guard rawEnd >= rawStart, checkpoints.isEmpty else { return (first, location(ofByte: rawEnd)) }
        let start = max(0, min(rawStart, source.count))
        let end = min(rawEnd, source.count)
        let startLine = first.line - 1
        var line = startLine
        while line + 1 < lineStarts.count && Int(lineStarts[line + 1]) <= end {
            line += 1
            if line - startLine == 8 { return (first, location(ofByte: end)) }
        }
        let column = line == startLine ? first.column - 1 + scalars(from: start, to: end)
                                       : scalars(from: Int(lineStarts[line]), to: end)
        return (first, SourceLocation(line: line + 1, column: column + 1))
    }

    /// The scalars that start in `from..<to`: the bytes that are no UTF-8 continuation byte.
    /// Eight bytes a step (every call site and function of a summarized file asks for a column,
    /// and a byte loop was most of the lookup).
    @inline(__always) private func scalars(from: Int, to: Int) -> Int {
        source.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress, from < to else { return 0 }
            var count = 0
            var i = from
            while to &- i >= 8 {
                let word = ByteMasks.load(base, at: i)
                // A continuation byte is 0b10xxxxxx: bit 7 set and bit 6 (shifted onto bit 7) clear.
                let continuations = word & ~(word &<< 1) & 0x8080_8080_8080_8080
                count &+= 8 &- continuations.nonzeroBitCount
                i &+= 8
            }
            while i < to {
                if p[i] & 0xC0 != 0x80 { count &+= 1 }
                i &+= 1
            }
            return count
        }
    }

    /// The bytes of a 1-based line without its line break (for snippets and baselines).
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let a = Int(lineStarts[line - 1])
        var b = line < lineStarts.count ? Int(lineStarts[line]) : source.count
        while b > a && (source[b - 1] == 10 || source[b - 1] == 13) { b -= 1 }
        return String(decoding: source[a..<b], as: UTF8.self)
    }
}
