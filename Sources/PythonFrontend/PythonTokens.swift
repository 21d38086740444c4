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

    static func keyword(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        let length = end - start
        if length < 2 || length > 8 { return .none }
        let first = source[start]
        // Every keyword starts with a lowercase letter or F/N/T.
        if !((first >= 97 && first <= 122) || first == 70 || first == 78 || first == 84) { return .none }
        // The name's bytes packed little-endian into one word and matched by one switch: the
        // table walk (a lazy global, nested arrays) cost ~75 instructions a name, 3 % of a run.
        // `byLength` stays the list of record; KeywordTableTests checks that both agree.
        switch packedBytes(UnsafeRawBufferPointer(source), start, length) {
        case 0x00000065736C6146: return .falseValue   // False
        case 0x00000000656E6F4E: return .noneValue   // None
        case 0x0000000065757254: return .trueValue   // True
        case 0x0000000000646E61: return .and   // and
        case 0x0000000000007361: return .as   // as
        case 0x0000747265737361: return .assert   // assert
        case 0x000000636E797361: return .async   // async
        case 0x0000007469617761: return .await   // await
        case 0x0000006B61657262: return .break   // break
        case 0x0000000065736163: return .case   // case
        case 0x0000007373616C63: return .class   // class
        case 0x65756E69746E6F63: return .continue   // continue
        case 0x0000000000666564: return .def   // def
        case 0x00000000006C6564: return .del   // del
        case 0x0000000066696C65: return .elif   // elif
        case 0x0000000065736C65: return .else   // else
        case 0x0000747065637865: return .except   // except
        case 0x00796C6C616E6966: return .finally   // finally
        case 0x0000000000726F66: return .for   // for
        case 0x000000006D6F7266: return .from   // from
        case 0x00006C61626F6C67: return .global   // global
        case 0x0000000000006669: return .if   // if
        case 0x000074726F706D69: return .import   // import
        case 0x0000000000006E69: return .in   // in
        case 0x0000000000007369: return .is   // is
        case 0x00006164626D616C: return .lambda   // lambda
        case 0x000000686374616D: return .match   // match
        case 0x6C61636F6C6E6F6E: return .nonlocal   // nonlocal
        case 0x0000000000746F6E: return .not   // not
        case 0x000000000000726F: return .or   // or
        case 0x0000000073736170: return .pass   // pass
        case 0x0000006573696172: return .raise   // raise
        case 0x00006E7275746572: return .return   // return
        case 0x0000000000797274: return .try   // try
        case 0x0000000065707974: return .type   // type
        case 0x000000656C696877: return .while   // while
        case 0x0000000068746977: return .with   // with
        case 0x000000646C656979: return .yield   // yield
        default: return .none
        }
    }
}
