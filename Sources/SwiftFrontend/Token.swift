import LightSyntax

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

/// The keywords (the spelling of each `Keyword` case), looked up by `PackedWordTable`.
enum KeywordTable {
    static let shared: PackedWordTable<Keyword> = {
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
        return PackedWordTable(words.map { (Array($0.0.utf8), $0.1) }, none: .none)
    }()
}
