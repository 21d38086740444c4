import LightSyntax

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

    /// `byLength` for the lexer (`PackedWordTable`); KeywordTableTests checks that the two agree.
    static let table = PackedWordTable(byLength.flatMap { $0 }, none: Keyword.none)

    static func keyword(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        // Every keyword is 2 to 8 bytes, and most longer names are passed without a look-up.
        let length = end - start
        if length < 2 || length > 8 { return .none }
        return table.lookup(source, start, end)
    }
}
