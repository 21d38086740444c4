/// Tokens of the Swift lexer. The whole file is lexed up front into one array so that the parser
/// can look ahead cheaply (generic argument lists, closure signatures, trailing closures all need
/// arbitrary lookahead in Swift).
enum TokenKind: UInt8 {
    case eof
    case identifier      // plain, backticked (`kw` is .none) or `$0` / `$name`
    case number
    case string          // a whole literal without interpolation
    case stringOpen      // opening delimiter of an interpolated literal (and text up to the first `\(`)
    case interpOpen      // `\(` / `\#(` inside a string literal
    case interpClose     // the `)` that ends an interpolation
    case stringClose     // the text after the last interpolation and the closing delimiter
    case regex
    case lparen, rparen, lbrace, rbrace, lbracket, rbracket
    case comma, colon, semicolon, period, at, backslash, arrow, equal
    case pound           // `#if`, `#available`, `#selector`, `#foo` (kw says which)
    case op              // any other operator, `?` and `!` included (see flags)
}

/// Contextual and reserved words. The lexer classifies identifiers once so that the parser
/// compares small integers instead of bytes.
enum Keyword: UInt8 {
    case none
    // declarations
    case `func`, `init`, `deinit`, `subscript`, `var`, `let`, `class`, `struct`, `enum`, `actor`
    case `protocol`, `extension`, `typealias`, `associatedtype`, `import`, `operator`
    case `precedencegroup`, `case`, `macro`
    // modifiers
    case `public`, `private`, `fileprivate`, `internal`, `package`, `open`, `static`, `final`
    case `override`, `mutating`, `nonmutating`, `lazy`, `weak`, `unowned`, `optional`, `required`
    case `convenience`, `dynamic`, `indirect`, `prefix`, `postfix`, `infix`, `nonisolated`
    case `isolated`, `distributed`, `consuming`, `borrowing`, `__consuming`, `__owned`, `__shared`
    case `sending`, `inout`, `_const`, `unsafe`
    // statements
    case `if`, `else`, `guard`, `switch`, `default`, `for`, `in`, `while`, `repeat`, `do`, `catch`
    case `defer`, `return`, `throw`, `break`, `continue`, `fallthrough`, `where`, `yield`, `discard`
    case then
    // expressions and types
    case `try`, `await`, `async`, `throws`, `rethrows`, `reasync`, `self`, `Self`, `super`
    case `true`, `false`, `nil`, `is`, `as`, `some`, `any`, `each`, `consume`, `copy`
    case get, set, willSet, didSet, _read, _modify, read, modify, unsafeAddress, unsafeMutableAddress
    case borrow, mutate
    case underscore
    // after `#`
    case elseif, endif, available, unavailable, selector, keyPath, sourceLocation, warning, error
    case file, line, column, function, dsohandle, fileID, filePath, externalMacro
}

struct TokenFlags: OptionSet {
    var rawValue: UInt8
    /// The first token on its line.
    static let lineStart = TokenFlags(rawValue: 1)
    /// White space or a comment right before the token (Swift's "not left-bound").
    static let spaceBefore = TokenFlags(rawValue: 2)
    /// White space, a comment or the end right after the token (Swift's "not right-bound").
    static let spaceAfter = TokenFlags(rawValue: 4)
    /// A backticked identifier: never a keyword.
    static let escaped = TokenFlags(rawValue: 8)
}

struct Token {
    var kind: TokenKind
    var kw: Keyword
    var flags: TokenFlags
    /// UTF-8 byte range of the token in the source.
    var start: Int32
    var end: Int32
    /// Identifiers: the name without backticks; strings: the text between the delimiters.
    var valueStart: Int32
    var valueEnd: Int32

    @inline(__always) var atLineStart: Bool { flags.contains(.lineStart) }
    @inline(__always) var spaceBefore: Bool { flags.contains(.spaceBefore) }
    @inline(__always) var spaceAfter: Bool { flags.contains(.spaceAfter) }
}

/// The keywords (the spelling of each `Keyword` case), found by a hash with no collision
/// among them: a name is packed into two 64-bit words (its first and its last eight bytes,
/// the same word when it is shorter) and its length, which pick one slot; the keyword there,
/// if any, is compared once. The lexer asks this for every identifier: the FNV loop, the
/// probe loop and the byte compare of a hash table mispredicted at the end of each, and a
/// look-up now has no loop (but for the one keyword longer than 16 bytes).
struct KeywordTable: Sendable {
    /// Per slot (`slotBits` of the hash): the keyword's place in the arrays below, 0 for none
    /// (place 0 holds no keyword: its length, 0, matches no name).
    private let slots: [UInt16]
    private let firstWords: [UInt64]
    private let lastWords: [UInt64]
    private let lengths: [Int]
    private let keywords: [Keyword]
    private let texts: [[UInt8]]
    /// Chosen when the table is made: the first of a fixed sequence that gives every keyword
    /// a slot of its own.
    private let multiplier: UInt64
    private static let slotBits = 11

    static let shared = KeywordTable()

    private init() {
        let words: [(String, Keyword)] = [
            ("func", .func), ("init", .`init`), ("deinit", .deinit), ("subscript", .subscript), ("var", .var),
            ("let", .let), ("class", .class), ("struct", .struct), ("enum", .enum), ("actor", .actor),
            ("protocol", .protocol), ("extension", .extension), ("typealias", .typealias),
            ("associatedtype", .associatedtype), ("import", .import), ("operator", .operator),
            ("precedencegroup", .precedencegroup), ("case", .case), ("macro", .macro),
            ("public", .public), ("private", .private), ("fileprivate", .fileprivate), ("internal", .internal),
            ("package", .package), ("open", .open), ("static", .static), ("final", .final),
            ("override", .override), ("mutating", .mutating), ("nonmutating", .nonmutating), ("lazy", .lazy),
            ("weak", .weak), ("unowned", .unowned), ("optional", .optional), ("required", .required),
            ("convenience", .convenience), ("dynamic", .dynamic), ("indirect", .indirect), ("prefix", .prefix),
            ("postfix", .postfix), ("infix", .infix), ("nonisolated", .nonisolated), ("isolated", .isolated),
            ("distributed", .distributed), ("consuming", .consuming), ("borrowing", .borrowing),
            ("__consuming", .__consuming), ("__owned", .__owned), ("__shared", .__shared), ("sending", .sending),
            ("inout", .inout), ("_const", ._const), ("unsafe", .unsafe),
            ("if", .if), ("else", .else), ("guard", .guard), ("switch", .switch), ("default", .default),
            ("for", .for), ("in", .in), ("while", .while), ("repeat", .repeat), ("do", .do), ("catch", .catch),
            ("defer", .defer), ("return", .return), ("throw", .throw), ("break", .break), ("continue", .continue),
            ("fallthrough", .fallthrough), ("where", .where), ("yield", .yield), ("discard", .discard),
            ("then", .then),
            ("try", .try), ("await", .await), ("async", .async), ("throws", .throws), ("rethrows", .rethrows),
            ("reasync", .reasync), ("self", .self), ("Self", .Self), ("super", .super), ("true", .true),
            ("false", .false), ("nil", .nil), ("is", .is), ("as", .as), ("some", .some), ("any", .any),
            ("each", .each), ("consume", .consume), ("copy", .copy), ("get", .get), ("set", .set),
            ("willSet", .willSet), ("didSet", .didSet), ("_read", ._read), ("_modify", ._modify),
            ("read", .read), ("modify", .modify), ("unsafeAddress", .unsafeAddress),
            ("unsafeMutableAddress", .unsafeMutableAddress), ("_", .underscore), ("borrow", .borrow),
            ("mutate", .mutate),
            ("elseif", .elseif), ("endif", .endif), ("available", .available), ("unavailable", .unavailable),
            ("selector", .selector), ("keyPath", .keyPath), ("sourceLocation", .sourceLocation),
            ("warning", .warning), ("error", .error), ("file", .file), ("line", .line), ("column", .column),
            ("function", .function), ("dsohandle", .dsohandle), ("fileID", .fileID), ("filePath", .filePath),
            ("externalMacro", .externalMacro),
        ]
        var firstWords: [UInt64] = [0], lastWords: [UInt64] = [0], lengths = [0]
        var keywords: [Keyword] = [.none], texts: [[UInt8]] = [[]]
        for (text, kw) in words {
            let bytes = Array(text.utf8)
            let (first, last) = bytes.withUnsafeBufferPointer { Self.packed($0, 0, bytes.count) }
            firstWords.append(first)
            lastWords.append(last)
            lengths.append(bytes.count)
            keywords.append(kw)
            texts.append(bytes)
        }
        var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var slots: [UInt16]
        while true {
            slots = [UInt16](repeating: 0, count: 1 << Self.slotBits)
            var collided = false
            for k in 1..<firstWords.count {
                let slot = Self.slot(firstWords[k], lastWords[k], lengths[k], multiplier)
                if slots[slot] != 0 { collided = true; break }
                slots[slot] = UInt16(k)
            }
            if !collided { break }
            multiplier = (multiplier &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
        }
        self.slots = slots
        self.firstWords = firstWords
        self.lastWords = lastWords
        self.lengths = lengths
        self.keywords = keywords
        self.texts = texts
        self.multiplier = multiplier
    }

    @inline(__always) private static func slot(_ first: UInt64, _ last: UInt64, _ length: Int, _ multiplier: UInt64) -> Int {
        let h = (first ^ (last &* 0xFF51_AFD7_ED55_8CCD) ^ UInt64(truncatingIfNeeded: length)) &* multiplier
        return Int(truncatingIfNeeded: h >> UInt64(64 - slotBits))
    }

    /// The first and the last (up to) eight bytes of `p[start..<end]` (1 to 20 bytes), packed
    /// little-endian. Selects, not branches, for a name's length: short and long names mix.
    @inline(__always) private static func packed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, UInt64) {
        let n = end &- start
        let raw = UnsafeRawBufferPointer(p)
        guard end &+ 8 <= p.count else {
            // Near the buffer's end (and for the table's own spellings): byte by byte.
            var first: UInt64 = 0, last: UInt64 = 0
            for k in 0..<min(n, 8) {
                first |= UInt64(p[start &+ k]) << UInt64(8 &* k)
                last |= UInt64(p[end &- min(n, 8) &+ k]) << UInt64(8 &* k)
            }
            return (first, last)
        }
        let first = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            & (UInt64.max >> UInt64(64 &- 8 &* min(n, 8)))
        let tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n > 8 ? end &- 8 : start, as: UInt64.self))
        return (first, n > 8 ? tail : first)
    }

    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Keyword {
        let n = end &- start
        if n < 1 || n > 20 { return .none }
        let (first, last) = Self.packed(p, start, end)
        let k = Int(slots[Self.slot(first, last, n, multiplier)])
        // One comparison (no `&&`: each of its tests was a branch of its own).
        let matches = (firstWords[k] ^ first) | (lastWords[k] ^ last) | UInt64(truncatingIfNeeded: lengths[k] ^ n) == 0
        // First and last eight bytes cover a name of up to 16; a longer one is compared whole.
        if n > 16 && matches {
            let text = texts[k]
            for j in 8..<(n &- 8) where p[start &+ j] != text[j] { return .none }
        }
        return matches ? keywords[k] : .none
    }
}
