/// The token kinds the lexer hands the parser. Operators that the parser treats alike (every
/// augmented assignment) share one kind; the token's byte range tells them apart when needed.
enum TokenKind {
    case endMarker, newline, indent, dedent
    case name, number, string
    /// `f"`/`t"` and friends up to and including the opening quotes.
    case fstringStart
    /// The closing quotes of an f-string (zero width when the f-string is unterminated).
    case fstringEnd
    /// The `{` / `}` that open and close a replacement field, and the `:` that starts its format spec.
    case fieldStart, fieldEnd, specStart
    /// `!` before a conversion (`!r`) in a replacement field.
    case exclamation
    /// A byte that cannot start any token (`$`, `?`, a NUL, …).
    case error
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace
    case colon, comma, semi, dot, ellipsis, arrow, colonEqual, at, equal, augAssign
    case plus, minus, star, doubleStar, slash, doubleSlash, percent
    case vbar, amper, circumflex, tilde, leftShift, rightShift
    case less, greater, lessEqual, greaterEqual, equalEqual, notEqual
}

// The enums have no raw values on purpose: a raw-valued enum's `==` can go through the generic
// `RawRepresentable` operator, which showed up as a tenth of the parse time.

/// Python's keywords. Hard keywords are never names; the soft ones (`match`, `case`, `type`)
/// are names unless the parser decides from context that they start a statement.
enum Keyword {
    case none
    case falseValue, noneValue, trueValue
    case and, `as`, assert, async, await, `break`, `class`, `continue`, def, del, elif, `else`, except
    case finally, `for`, from, global, `if`, `import`, `in`, `is`, lambda, nonlocal, not, or, pass
    case raise, `return`, `try`, `while`, with, yield
    case match, `case`, type

    var isHard: Bool {
        switch self {
        case .none, .match, .case, .type: return false
        default: return true
        }
    }
}

struct Token {
    var kind: TokenKind
    var keyword: Keyword
    var start: Int32
    var end: Int32

    @inline(__always) var startOffset: Int { Int(start) }
    @inline(__always) var endOffset: Int { Int(end) }
}

/// Up to 8 bytes from `start`, packed little-endian into one word (the rest zero): one
/// unaligned load where 8 bytes are readable, else byte by byte.
@inline(__always)
func packedBytes(_ source: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> UInt64 {
    if start + 8 <= source.count {
        let word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        return length >= 8 ? word : word & ((1 << UInt64(8 * length)) - 1)
    }
    var packed: UInt64 = 0
    var i = 0
    while i < length {
        packed |= UInt64(source[start + i]) << UInt64(8 * i)
        i += 1
    }
    return packed
}

enum KeywordTable {
    /// Keywords grouped by length, so a name is compared against a handful of candidates at most.
    static let byLength: [[([UInt8], Keyword)]] = {
        let all: [(String, Keyword)] = [
            ("False", .falseValue), ("None", .noneValue), ("True", .trueValue), ("and", .and), ("as", .as),
            ("assert", .assert), ("async", .async), ("await", .await), ("break", .break), ("class", .class),
            ("continue", .continue), ("def", .def), ("del", .del), ("elif", .elif), ("else", .else),
            ("except", .except), ("finally", .finally), ("for", .for), ("from", .from), ("global", .global),
            ("if", .if), ("import", .import), ("in", .in), ("is", .is), ("lambda", .lambda),
            ("nonlocal", .nonlocal), ("not", .not), ("or", .or), ("pass", .pass), ("raise", .raise),
            ("return", .return), ("try", .try), ("while", .while), ("with", .with), ("yield", .yield),
            ("match", .match), ("case", .case), ("type", .type),
        ]
        var table = [[([UInt8], Keyword)]](repeating: [], count: 9)
        for (text, keyword) in all { table[text.utf8.count].append((Array(text.utf8), keyword)) }
        return table
    }()

    /// The keywords by slot (`slotBits` of the packed name times `multiplier`): no two share
    /// one. `packedKeywords[0]` is 0, which no name of two or more bytes packs to.
    private static let table: (slots: [UInt8], packedKeywords: [UInt64], keywords: [Keyword], multiplier: UInt64) = {
        var packedKeywords: [UInt64] = [0], keywords: [Keyword] = [.none]
        for group in byLength {
            for (bytes, keyword) in group {
                packedKeywords.append(bytes.withUnsafeBytes { packedBytes($0, 0, bytes.count) })
                keywords.append(keyword)
            }
        }
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        while true {
            var slots = [UInt8](repeating: 0, count: 1 << slotBits)
            var collided = false
            for k in 1..<packedKeywords.count {
                let slot = Int(truncatingIfNeeded: (packedKeywords[k] &* multiplier) >> UInt64(64 - slotBits))
                if slots[slot] != 0 { collided = true; break }
                slots[slot] = UInt8(k)
            }
            if !collided { return (slots, packedKeywords, keywords, multiplier) }
            multiplier = (multiplier &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
        }
    }()
    private static let slotBits = 10

    /// Every keyword is 2 to 8 bytes: the name packed into one word picks the one slot it can
    /// be in, and one comparison says whether it is. (A switch over the packed words was a
    /// binary search, and its branches mispredicted; a table walk by length before it was a
    /// lazy global of nested arrays at ~75 instructions a name.) `byLength` is the list of
    /// record; KeywordTableTests checks that the two agree.
    static func keyword(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        let length = end - start
        if length < 2 || length > 8 { return .none }
        let packed = packedBytes(UnsafeRawBufferPointer(source), start, length)
        let k = Int(Self.table.slots[Int(truncatingIfNeeded: (packed &* Self.table.multiplier) >> UInt64(64 - slotBits))])
        return Self.table.packedKeywords[k] == packed ? Self.table.keywords[k] : .none
    }
}
