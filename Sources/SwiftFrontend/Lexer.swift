import LightSyntax

/// Lexes Swift source bytes into `Token`s. Every loop advances by at least one byte, so any
/// input (invalid UTF-8, NUL bytes, unterminated literals) ends.
///
/// String interpolation is lexed without recursion: an interpolation pushes a frame (the
/// delimiter of the enclosing literal and a parenthesis depth) on `frames`, the lexer goes back
/// to ordinary tokens, and the `)` that balances the frame resumes the literal.
struct Lexer {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    var pos = 0
    var tokens: [Token] = []
    var problems: [(Int, String)] = []

    private struct Frame {
        var hashes: Int
        var multiline: Bool
        var parenDepth: Int
        var literalStart: Int
    }
    private var frames: [Frame] = []
    private var sawNewline = true
    private var sawSpace = true
    /// A bare-regex scan that reached the end of its line without a closing `/` makes every
    /// later `/` up to that line end a division: keeps a long line of `(/a` linear.
    private var noRegexBefore = 0

    init(_ p: UnsafeBufferPointer<UInt8>) {
        self.p = p
        self.n = p.count
        // Dense code has more than one token per four bytes (a quarter regrew the array for
        // about a thousand files of the Swift corpus), `let y = g(x)` on every line 0.4: one
        // allocation, no regrowth. Capacity never written is never resident, while a regrowth
        // holds the old and the new array at once.
        tokens.reserveCapacity(n / 2 + 16)
    }

    @inline(__always) func at(_ i: Int) -> UInt8 { i < n ? p[i] : 0 }

    mutating func problem(_ offset: Int, _ message: String) {
        if problems.count < 100 { problems.append((offset, message)) }
    }

    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c >= 0x80
    }
    static func isIdentChar(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || (c >= 48 && c <= 57) || c >= 0x80 || c == 36
    }

    /// The Unicode scalar starting at `i` (a lead byte ≥ 0x80) and its length; malformed
    /// sequences decode as one byte of value 0 (an identifier character, as before).
    func scalar(at i: Int) -> (UInt32, Int) {
        let c = p[i]
        var len = 0, v: UInt32 = 0
        if c & 0xE0 == 0xC0 { len = 2; v = UInt32(c & 0x1F) }
        else if c & 0xF0 == 0xE0 { len = 3; v = UInt32(c & 0x0F) }
        else if c & 0xF8 == 0xF0 { len = 4; v = UInt32(c & 0x07) }
        else { return (0, 1) }
        if i + len > n { return (0, 1) }
        for k in 1..<len {
            let b = p[i + k]
            if b & 0xC0 != 0x80 { return (0, 1) }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        return (v, len)
    }

    /// Swift's non-ASCII operator-head characters (math symbols, arrows, box drawing, …).
    static func isOperatorScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0xA1...0xA7, 0xA9, 0xAB, 0xAC, 0xAE, 0xB0, 0xB1, 0xB6, 0xBB, 0xBF, 0xD7, 0xF7,
             0x2016...0x2017, 0x2020...0x2027, 0x2030...0x203E, 0x2041...0x2053, 0x2055...0x205E,
             0x2190...0x23FF, 0x2500...0x2775, 0x2794...0x2BFF, 0x2E00...0x2E7F, 0x3001...0x3003,
             0x3008...0x3020, 0x3030:
            return true
        default:
            return false
        }
    }

    /// Combining marks that may continue an operator.
    static func isOperatorContinuationScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xE0100...0xE01EF:
            return true
        default:
            return isOperatorScalar(v)
        }
    }

    /// Advances over identifier characters, stopping before a non-ASCII operator character.
    mutating func skipIdentifierChars() {
        // A local index: the loop runs for every identifier byte, and `pos` (a property of the
        // lexer, which is `inout` here) would be stored back on each one.
        var i = pos
        defer { pos = i }
        // ASCII identifier bytes eight at a step (`ByteMasks`): a byte loop mispredicted at the
        // end of every identifier. A byte ≥ 0x80 ends the step; the loop below decodes it.
        if let base = p.baseAddress { i = ByteMasks.skipRun(base, from: i, end: n, ByteMasks.swiftASCIIIdentifierBytes).position }
        while i < n {
            let c = p[i]
            if c < 0x80 {
                if !Self.isIdentChar(c) { return }
                i += 1
            } else {
                let (v, len) = scalar(at: i)
                if Self.isOperatorScalar(v) { return }
                i += len
            }
        }
    }
    static func isOperatorChar(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "!"),
             UInt8(ascii: "*"), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"),
             UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "?"):
            return true
        default:
            return false
        }
    }

    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, kw: Keyword = .none,
                       valueStart: Int = -1, valueEnd: Int = -1, escaped: Bool = false) {
        var flags: TokenFlags = []
        if sawNewline { flags.insert(.lineStart) }
        if sawSpace || sawNewline { flags.insert(.spaceBefore) }
        if escaped { flags.insert(.escaped) }
        // Every range stays inside the source, whatever a malformed literal did.
        let e = min(end, n), s = min(start, e)
        let ve = min(valueEnd < 0 ? e : valueEnd, e)
        let vs = min(valueStart < 0 ? s : valueStart, ve)
        tokens.append(Token(kind: kind, kw: kw, flags: flags, start: Int32(s), end: Int32(e),
                            valueStart: Int32(vs), valueEnd: Int32(ve)))
        sawNewline = false
        sawSpace = false
    }

    /// Whether the previous token ends an operand, which makes a following `/` a division.
    func previousEndsOperand() -> Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .identifier:
            switch last.kw {
            case .return, .case, .in, .where, .if, .guard, .while, .throw, .try, .await, .else, .switch,
                 .is, .as, .for, .yield, .then, .repeat, .do, .catch, .let, .var, .consume, .copy, .unsafe:
                return last.flags.contains(.escaped)
            default:
                return true
            }
        case .number, .string, .stringClose, .regex, .rparen, .rbracket, .rbrace, .interpClose:
            return true
        case .op:
            // A postfix `?`/`!` ends an operand.
            let c = p[Int(last.start)]
            return last.end - last.start == 1 && (c == UInt8(ascii: "?") || c == UInt8(ascii: "!")) && !last.spaceBefore
        default:
            return false
        }
    }

    mutating func run() {
        while true {
            skipTrivia()
            if pos >= n { break }
            lexToken()
        }
        // The end-of-file token: the parser can always look one past the last real token.
        sawNewline = true
        emit(.eof, n, n)
        finishFlags()
    }

    /// Sets `spaceAfter` from the next token's `spaceBefore`.
    private mutating func finishFlags() {
        if tokens.count < 2 { return }
        for i in 0..<(tokens.count - 1) {
            if tokens[i + 1].spaceBefore || tokens[i + 1].kind == .eof { tokens[i].flags.insert(.spaceAfter) }
        }
        tokens[tokens.count - 1].flags.insert(.spaceAfter)
    }

    private mutating func skipTrivia() {
        while pos < n {
            let c = p[pos]
            switch c {
            case 10, 13:
                sawNewline = true; pos += 1
            case 32, 9, 11, 12, 0:
                sawSpace = true; pos += 1
            case UInt8(ascii: "/"):
                if at(pos + 1) == UInt8(ascii: "/") {
                    sawSpace = true
                    var i = pos + 2
                    while i < n && p[i] != 10 && p[i] != 13 { i += 1 }
                    pos = i
                } else if at(pos + 1) == UInt8(ascii: "*") {
                    sawSpace = true
                    skipBlockComment()
                } else {
                    return
                }
            case UInt8(ascii: "#"):
                // A shebang line at the very start.
                if pos == 0 && at(1) == UInt8(ascii: "!") {
                    while pos < n && p[pos] != 10 && p[pos] != 13 { pos += 1 }
                } else {
                    return
                }
            default:
                if c == 0xEF && at(pos + 1) == 0xBB && at(pos + 2) == 0xBF && pos == 0 {
                    pos += 3  // byte order mark
                } else {
                    return
                }
            }
        }
    }

    /// Block comments nest in Swift.
    private mutating func skipBlockComment() {
        let start = pos
        var depth = 0
        while pos < n {
            if p[pos] == UInt8(ascii: "/") && at(pos + 1) == UInt8(ascii: "*") {
                depth += 1; pos += 2
            } else if p[pos] == UInt8(ascii: "*") && at(pos + 1) == UInt8(ascii: "/") {
                depth -= 1; pos += 2
                if depth == 0 { return }
            } else {
                if p[pos] == 10 || p[pos] == 13 { sawNewline = true }
                pos += 1
            }
        }
        problem(start, "unterminated block comment")
    }

    private mutating func lexToken() {
        let start = pos
        let c = p[pos]
        if c >= 0x80 && Self.isOperatorScalar(scalar(at: pos).0) {
            lexOperator()
            return
        }
        if Self.isIdentStart(c) {
            pos += 1
            skipIdentifierChars()
            emit(.identifier, start, pos, kw: KeywordTable.shared.lookup(p, start, pos))
            return
        }
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "\""):
            lexStringStart(start, hashes: 0)
        case UInt8(ascii: "`"):
            // Backticked (raw) identifier: up to the closing backtick on the same line.
            var i = pos + 1
            while i < n && p[i] != UInt8(ascii: "`") && p[i] != 10 && p[i] != 13 { i += 1 }
            if i < n && p[i] == UInt8(ascii: "`") {
                pos = i + 1
                emit(.identifier, start, pos, valueStart: start + 1, valueEnd: i, escaped: true)
            } else {
                pos += 1
                emit(.op, start, pos)
            }
        case UInt8(ascii: "$"):
            pos += 1
            while pos < n && Self.isIdentChar(p[pos]) { pos += 1 }
            emit(.identifier, start, pos, escaped: true)
        case UInt8(ascii: "#"):
            lexPound()
        case UInt8(ascii: "("):
            pos += 1
            if !frames.isEmpty { frames[frames.count - 1].parenDepth += 1 }
            emit(.lparen, start, pos)
        case UInt8(ascii: ")"):
            pos += 1
            if let top = frames.last {
                if top.parenDepth == 0 {
                    frames.removeLast()
                    emit(.interpClose, start, pos)
                    lexStringBody(literalStart: top.literalStart, hashes: top.hashes, multiline: top.multiline,
                                  segmentStart: pos, first: false)
                    return
                }
                frames[frames.count - 1].parenDepth -= 1
            }
            emit(.rparen, start, pos)
        case UInt8(ascii: "{"): pos += 1; emit(.lbrace, start, pos)
        case UInt8(ascii: "}"): pos += 1; emit(.rbrace, start, pos)
        case UInt8(ascii: "["): pos += 1; emit(.lbracket, start, pos)
        case UInt8(ascii: "]"): pos += 1; emit(.rbracket, start, pos)
        case UInt8(ascii: ","): pos += 1; emit(.comma, start, pos)
        case UInt8(ascii: ":"): pos += 1; emit(.colon, start, pos)
        case UInt8(ascii: ";"): pos += 1; emit(.semicolon, start, pos)
        case UInt8(ascii: "@"): pos += 1; emit(.at, start, pos)
        case UInt8(ascii: "\\"): pos += 1; emit(.backslash, start, pos)
        case UInt8(ascii: "."):
            if at(pos + 1) == UInt8(ascii: ".") {
                // `...`, `..<` and other dot operators.
                pos += 1
                while pos < n && (p[pos] == UInt8(ascii: ".") || Self.isOperatorChar(p[pos])) {
                    if p[pos] == UInt8(ascii: "/") && (at(pos + 1) == UInt8(ascii: "/") || at(pos + 1) == UInt8(ascii: "*")) { break }
                    pos += 1
                }
                emit(.op, start, pos)
            } else {
                pos += 1
                emit(.period, start, pos)
            }
        case UInt8(ascii: "/"):
            if !previousEndsOperand() && lexBareRegex() { return }
            lexOperator()
        default:
            if Self.isOperatorChar(c) {
                lexOperator()
            } else {
                // Anything else (control characters, stray bytes): one opaque operator byte.
                pos += 1
                emit(.op, start, pos)
            }
        }
    }

    private mutating func lexOperator() {
        let start = pos
        pos += p[pos] >= 0x80 ? scalar(at: pos).1 : 1
        while pos < n {
            let c = p[pos]
            if c >= 0x80 {
                let (v, len) = scalar(at: pos)
                if !Self.isOperatorContinuationScalar(v) { break }
                pos += len
                continue
            }
            if !Self.isOperatorChar(c) { break }
            // A comment ends an operator.
            if c == UInt8(ascii: "/") && (at(pos + 1) == UInt8(ascii: "/") || at(pos + 1) == UInt8(ascii: "*")) { break }
            pos += 1
        }
        let len = pos - start
        if len == 1 && p[start] == UInt8(ascii: "=") { emit(.equal, start, pos); return }
        if len == 2 && p[start] == UInt8(ascii: "-") && p[start + 1] == UInt8(ascii: ">") { emit(.arrow, start, pos); return }
        // `?` and `!` right after an operand are postfix and stand alone: `a?.b`, `a!.b`, `T?>`.
        if (p[start] == UInt8(ascii: "?") || p[start] == UInt8(ascii: "!")) && !(sawSpace || sawNewline)
            && previousEndsOperand() {
            if !(p[start] == UInt8(ascii: "!") && len >= 2 && p[start + 1] == UInt8(ascii: "=")) {
                pos = start + 1
                emit(.op, start, pos)
                return
            }
        }
        emit(.op, start, pos)
    }

    private mutating func lexNumber() {
        let start = pos
        var hex = false
        if p[pos] == UInt8(ascii: "0") && (at(pos + 1) == UInt8(ascii: "x") || at(pos + 1) == UInt8(ascii: "X")) {
            hex = true; pos += 2
        } else if p[pos] == UInt8(ascii: "0") && (at(pos + 1) == UInt8(ascii: "b") || at(pos + 1) == UInt8(ascii: "o")) {
            pos += 2
        }
        func isDigit(_ c: UInt8, _ hex: Bool) -> Bool {
            (c >= 48 && c <= 57) || c == 95 || (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)))
        }
        while pos < n && isDigit(p[pos], hex) { pos += 1 }
        if at(pos) == UInt8(ascii: ".") && isDigit(at(pos + 1), hex) && at(pos + 1) != 95 {
            pos += 1
            while pos < n && isDigit(p[pos], hex) { pos += 1 }
        }
        let e = at(pos)
        if (!hex && (e == UInt8(ascii: "e") || e == UInt8(ascii: "E"))) || (hex && (e == UInt8(ascii: "p") || e == UInt8(ascii: "P"))) {
            var i = pos + 1
            if at(i) == UInt8(ascii: "+") || at(i) == UInt8(ascii: "-") { i += 1 }
            if at(i) >= 48 && at(i) <= 57 {
                pos = i
                while pos < n && isDigit(p[pos], false) { pos += 1 }
            }
        }
        // Trailing identifier characters belong to the (invalid) literal.
        while pos < n && Self.isIdentChar(p[pos]) { pos += 1 }
        emit(.number, start, pos)
    }

    private mutating func lexPound() {
        let start = pos
        var hashes = 0
        while at(pos + hashes) == UInt8(ascii: "#") { hashes += 1 }
        let next = at(pos + hashes)
        if next == UInt8(ascii: "\"") {
            lexStringStart(start, hashes: hashes)
            return
        }
        if next == UInt8(ascii: "/") {
            lexExtendedRegex(start, hashes: hashes)
            return
        }
        if hashes == 1 && Self.isIdentStart(next) {
            pos += 1
            let wordStart = pos
            while pos < n && Self.isIdentChar(p[pos]) { pos += 1 }
            emit(.pound, start, pos, kw: KeywordTable.shared.lookup(p, wordStart, pos), valueStart: wordStart, valueEnd: pos)
            return
        }
        pos += 1
        emit(.op, start, pos)
    }

    /// `#/…/#` (any number of `#`): multi-line when the opening delimiter ends its line.
    private mutating func lexExtendedRegex(_ start: Int, hashes: Int) {
        pos = start + hashes + 1
        var multiline = false
        var k = pos
        while k < n && (p[k] == 32 || p[k] == 9) { k += 1 }
        if k >= n || p[k] == 10 || p[k] == 13 { multiline = true }
        while pos < n {
            let c = p[pos]
            if c == UInt8(ascii: "\\") { pos += 2; continue }
            if (c == 10 || c == 13) && !multiline { break }
            if c == UInt8(ascii: "/") {
                var h = 0
                while h < hashes && at(pos + 1 + h) == UInt8(ascii: "#") { h += 1 }
                if h == hashes {
                    pos += 1 + hashes
                    emit(.regex, start, pos)
                    return
                }
            }
            pos += 1
        }
        if pos > n { pos = n }
        problem(start, "unterminated regex literal")
        emit(.regex, start, pos)
    }

    /// A bare `/…/` regex where an operand is expected: it may not start with a space and must
    /// close on the same line. Returns false (nothing consumed) when it is not a regex.
    private mutating func lexBareRegex() -> Bool {
        let start = pos
        if pos < noRegexBefore { return false }
        let first = at(pos + 1)
        if first == 32 || first == 9 || first == 10 || first == 13 || first == 0 || first == UInt8(ascii: "=") && at(pos + 2) == 32 { return false }
        // `/` followed by `/` or `*` is a comment, handled before.
        var i = pos + 1
        var inClass = 0
        while i < n {
            let c = p[i]
            if c == 10 || c == 13 { noRegexBefore = i; return false }
            if c == UInt8(ascii: "\\") { i += 2; continue }
            if c == UInt8(ascii: "[") { inClass += 1 }
            else if c == UInt8(ascii: "]") && inClass > 0 { inClass -= 1 }
            else if c == UInt8(ascii: "/") && inClass == 0 {
                // A regex may not end with a space before the closing slash.
                if p[i - 1] == 32 || p[i - 1] == 9 { return false }
                // The closing slash followed by an identifier character looks like division.
                let after = at(i + 1)
                if Self.isIdentChar(after) && after < 0x80 { return false }
                pos = i + 1
                emit(.regex, start, pos)
                return true
            }
            i += 1
        }
        noRegexBefore = n
        return false
    }

    /// At the opening `#…"`. Decides single or multi-line and lexes the body.
    private mutating func lexStringStart(_ start: Int, hashes: Int) {
        var i = start + hashes
        var multiline = false
        if at(i) == UInt8(ascii: "\"") && at(i + 1) == UInt8(ascii: "\"") && at(i + 2) == UInt8(ascii: "\"")
            && !closesOnTheSameLine(from: i + 2, hashes: hashes) {
            multiline = true
            i += 3
        } else {
            i += 1
        }
        pos = i
        lexStringBody(literalStart: start, hashes: hashes, multiline: multiline, segmentStart: i, first: true)
    }

    /// A raw string that looks multi-line (`#"""#`) but whose delimiter (`"` and as many `#`)
    /// closes on its first line is single-line (swift-syntax's rule).
    func closesOnTheSameLine(from start: Int, hashes: Int) -> Bool {
        guard hashes > 0 else { return false }
        var k = start
        while k < n && p[k] != 10 && p[k] != 13 {
            if p[k] == UInt8(ascii: "\"") {
                var h = 0
                while h < hashes && at(k + 1 + h) == UInt8(ascii: "#") { h += 1 }
                if h == hashes { return true }
            }
            k += 1
        }
        return false
    }

    /// Scans string text from `pos` to the closing delimiter or the next interpolation.
    /// `first`: the literal's first segment (a literal without interpolation is one `string`).
    private mutating func lexStringBody(literalStart: Int, hashes: Int, multiline: Bool, segmentStart: Int, first: Bool) {
        let openLen = hashes + (multiline ? 3 : 1)
        let contentStart = literalStart + openLen
        while pos < n {
            let c = p[pos]
            if c == UInt8(ascii: "\\") {
                // An escape needs as many `#` as the delimiter.
                var h = 0
                while h < hashes && at(pos + 1 + h) == UInt8(ascii: "#") { h += 1 }
                if h == hashes {
                    let after = pos + 1 + hashes
                    if at(after) == UInt8(ascii: "(") {
                        // Interpolation.
                        if first { emit(.stringOpen, literalStart, pos, valueStart: contentStart, valueEnd: pos) }
                        let iStart = pos
                        pos = after + 1
                        emit(.interpOpen, iStart, pos)
                        frames.append(Frame(hashes: hashes, multiline: multiline, parenDepth: 0, literalStart: literalStart))
                        return
                    }
                    pos = after + 1  // skip the escaped character
                    continue
                }
                pos += 1
                continue
            }
            if c == UInt8(ascii: "\"") {
                var closes = false
                var len = 1
                if multiline {
                    if at(pos + 1) == UInt8(ascii: "\"") && at(pos + 2) == UInt8(ascii: "\"") { closes = true; len = 3 }
                } else {
                    closes = true
                }
                if closes {
                    var h = 0
                    while h < hashes && at(pos + len + h) == UInt8(ascii: "#") { h += 1 }
                    if h == hashes {
                        let contentEnd = pos
                        pos += len + hashes
                        if first {
                            emit(.string, literalStart, pos, valueStart: contentStart, valueEnd: contentEnd)
                        } else {
                            emit(.stringClose, segmentStart, pos)
                        }
                        return
                    }
                }
                pos += 1
                continue
            }
            if (c == 10 || c == 13) && !multiline {
                break
            }
            pos += 1
        }
        // Unterminated: the literal ends at the end of the line (or of the file). An escape
        // at the very end may have stepped past it.
        if pos > n { pos = n }
        problem(literalStart, "unterminated string literal")
        if first {
            emit(.string, literalStart, pos, valueStart: min(contentStart, pos), valueEnd: pos)
        } else {
            emit(.stringClose, segmentStart, pos)
        }
    }
}
