import LightSyntax

/// Turns Python source bytes into tokens, following CPython's tokenizer: INDENT/DEDENT from a
/// stack of indentation columns (a tab advances to the next multiple of 8), no NEWLINE inside
/// brackets, backslash continuation, and PEP 701 f-strings lexed as a start token, the tokens of
/// each replacement field, and an end token, so that nested quotes of the same kind just work.
///
/// Never fails: bytes that cannot start a token become `error` tokens and unterminated strings
/// end where CPython would report them; the problems are collected for the tree.
struct PythonLexer {
    /// What the lexer is inside of, innermost last. Replacement fields and format specs copy the
    /// quoting of the f-string that holds them, so they can tell its closing quote.
    struct Mode {
        enum Kind { case fstringText, field, formatSpec }
        var kind: Kind
        var quote: UInt8
        var triple: Bool
        var raw: Bool
        /// For a field or format spec: the bracket depth just after its `{`.
        var depth: Int
    }

    /// The source bytes and their count.
    let source: UnsafeBufferPointer<UInt8>
    let count: Int
    var pos = 0
    var tokens: [Token] = []
    var problems: [ParseProblem] = []
    var bracketDepth = 0
    var indents: [Int] = [0]
    var modes: [Mode] = []
    var atLineStart = true
    /// Whether the current logical line has produced a token (and so needs a NEWLINE).
    var lineHasTokens = false
    /// Inside brackets: where the current physical line starts, until its first token.
    var bracketedLineStart = -1
    /// Inside brackets: the lines just before this one that start with `@`, which are the
    /// decorators of a `def` if one follows (else matrix products, `a⏎ @ b`): the index of each
    /// line's first token and where the line starts. `decoratorDepth` is the bracket depth of the
    /// first; deeper lines are inside a decorator's own brackets.
    var decoratorLines: [(token: Int, lineStart: Int)] = []
    var decoratorDepth = 0

    init(_ source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.count = source.count
    }

    static func tokenize(_ source: UnsafeBufferPointer<UInt8>) -> (tokens: [Token], problems: [ParseProblem]) {
        var lexer = PythonLexer(source)
        lexer.run()
        return (lexer.tokens, lexer.problems)
    }

    mutating func problem(_ offset: Int, _ message: String) {
        if problems.count < 100 { problems.append(ParseProblem(start: Int32(truncatingIfNeeded: offset), message: message)) }
    }

    @inline(__always) mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, _ keyword: Keyword = .none) {
        tokens.append(Token(kind: kind, keyword: keyword, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end)))
        lineHasTokens = true
        bracketedLineStart = -1
    }

    @inline(__always) static func isIdentifierByte(_ c: UInt8) -> Bool {
        // Non-ASCII bytes are taken as identifier characters: CPython accepts Unicode letters and
        // rejects the rest, and a rejected file only has to be survived, not understood.
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c >= 0x80
    }

    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c >= 0x80
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    mutating func run() {
        // At most about one token per byte (dense calls make 0.8). Capacity never written is
        // never resident: reserving for the worst case costs address space only, while each
        // regrowth briefly holds the old and the new array (1.5-2x the tokens at the peak).
        tokens.reserveCapacity(count + 16)
        if count >= 3 && source[0] == 0xEF && source[1] == 0xBB && source[2] == 0xBF { pos = 3 }
        while true {
            if let top = modes.last, top.kind != .field {
                scanFStringText()
                continue
            }
            if atLineStart && bracketDepth == 0 {
                atLineStart = false
                handleIndentation()
            }
            // Skip blanks.
            while pos < count {
                let c = source[pos]
                if c == 32 || c == 9 || c == 12 { pos += 1 } else { break }
            }
            if pos >= count { break }
            let c = source[pos]
            if bracketedLineStart >= 0 && c != 35 && c != 10 && c != 13 { startBracketedLine(c) }
            let start = pos
            switch c {
            case 35: // '#': a comment runs to the end of the line
                pos = lineEnd(from: pos + 1)
            case 10, 13:
                pos += (c == 13 && pos + 1 < count && source[pos + 1] == 10) ? 2 : 1
                if bracketDepth == 0 {
                    if lineHasTokens { emit(.newline, start, start + 1); lineHasTokens = false }
                    atLineStart = true
                } else {
                    bracketedLineStart = pos
                }
            case 92: // '\\': line continuation
                if pos + 1 < count && (source[pos + 1] == 10 || source[pos + 1] == 13) {
                    pos += (source[pos + 1] == 13 && pos + 2 < count && source[pos + 2] == 10) ? 3 : 2
                } else {
                    problem(pos, "unexpected character after line continuation")
                    emit(.error, pos, pos + 1)
                    pos += 1
                }
            case 34, 39: // quotes
                lexString(start: start, quotePos: pos, raw: false, format: false)
            default:
                if Self.isIdentifierStart(c) {
                    lexNameOrPrefixedString()
                } else if Self.isDigit(c) || (c == 46 && pos + 1 < count && Self.isDigit(source[pos + 1])) {
                    lexNumber()
                } else {
                    lexOperator(c)
                }
            }
        }
        if !modes.isEmpty { problem(count, "unterminated f-string") }
        if lineHasTokens { emit(.newline, count, count) }
        while indents.count > 1 {
            indents.removeLast()
            tokens.append(Token(kind: .dedent, keyword: .none, start: Int32(truncatingIfNeeded: count), end: Int32(truncatingIfNeeded: count)))
        }
        tokens.append(Token(kind: .endMarker, keyword: .none, start: Int32(truncatingIfNeeded: count), end: Int32(truncatingIfNeeded: count)))
    }

    /// The offset of the first `\n` or `\r` from `p` (or the end): eight bytes at a time, as
    /// comments are a good part of many files.
    func lineEnd(from start: Int) -> Int {
        var p = start
        let raw = UnsafeRawBufferPointer(source)
        while p + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
            let lf = word ^ 0x0A0A_0A0A_0A0A_0A0A, cr = word ^ 0x0D0D_0D0D_0D0D_0D0D
            // A zero byte in either word marks a line break among the eight.
            let found = ((lf &- 0x0101_0101_0101_0101) & ~lf | (cr &- 0x0101_0101_0101_0101) & ~cr) & 0x8080_8080_8080_8080
            if found != 0 { break }
            p += 8
        }
        while p < count && source[p] != 10 && source[p] != 13 { p += 1 }
        return p
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT. Blank and
    /// comment-only lines do not count.
    mutating func handleIndentation() {
        let (column, p) = indentation(from: pos)
        pos = p
        if p >= count { return }
        let c = source[p]
        if c == 35 || c == 10 || c == 13 { return }
        if c == 92 && p + 1 < count && (source[p + 1] == 10 || source[p + 1] == 13) { return }
        applyIndentation(column, at: p)
    }

    /// The indentation column of the line starting at `lineStart`, and where its text starts.
    func indentation(from lineStart: Int) -> (column: Int, textStart: Int) {
        var column = 0
        var p = lineStart
        while p < count {
            let c = source[p]
            if c == 32 { column += 1 } else if c == 9 { column = (column / 8 + 1) * 8 } else if c == 12 { column = 0 } else { break }
            p += 1
        }
        return (column, p)
    }

    mutating func applyIndentation(_ column: Int, at p: Int) {
        let current = indents[indents.count - 1]
        if column > current {
            indents.append(column)
            tokens.append(Token(kind: .indent, keyword: .none, start: Int32(truncatingIfNeeded: p), end: Int32(truncatingIfNeeded: p)))
        } else if column < current {
            while indents.count > 1 && indents[indents.count - 1] > column {
                indents.removeLast()
                tokens.append(Token(kind: .dedent, keyword: .none, start: Int32(truncatingIfNeeded: p), end: Int32(truncatingIfNeeded: p)))
            }
            if indents[indents.count - 1] != column { problem(p, "unindent does not match any outer indentation level") }
        }
    }

    /// Keywords that only ever start a statement: one at the start of a line inside brackets
    /// means a bracket was never closed.
    static func startsStatementOnly(_ keyword: Keyword) -> Bool {
        switch keyword {
        case .def, .class, .return, .import, .while, .try, .except, .finally, .with, .raise, .del, .pass,
             .global, .nonlocal, .assert, .elif, .break, .continue:
            return true
        default:
            return false
        }
    }

    /// At the first token of a physical line inside brackets. A line that no bracketed code can
    /// start (a statement keyword, `async def`, `async with`) means a bracket was never closed:
    /// the brackets are closed there, or before the decorator lines just above a `def` or
    /// `class`. Valid code has no such line, so its tokens are the same as without this.
    @inline(never) mutating func startBracketedLine(_ c: UInt8) {
        guard bracketDepth > 0 else { return }
        if c == 64 && !(pos + 1 < count && source[pos + 1] == 61) {  // `@`, not `@=`
            if decoratorLines.isEmpty || bracketDepth < decoratorDepth {
                decoratorLines.removeAll(keepingCapacity: true)
                decoratorDepth = bracketDepth
            }
            if bracketDepth == decoratorDepth { decoratorLines.append((tokens.count, bracketedLineStart)) }
            return
        }
        if Self.isIdentifierStart(c) {
            var p = pos + 1
            while p < count && Self.isIdentifierByte(source[p]) { p += 1 }
            var keyword = KeywordTable.keyword(source, pos, p)
            if keyword == .async {
                // `async def` and `async with` are statements; `async for` may be a comprehension's.
                while p < count && (source[p] == 32 || source[p] == 9 || source[p] == 12) { p += 1 }
                var q = p
                while q < count && Self.isIdentifierByte(source[q]) { q += 1 }
                keyword = KeywordTable.keyword(source, p, q)
                if keyword != .def && keyword != .with { keyword = .none }
            }
            if Self.startsStatementOnly(keyword) {
                closeUnclosedBrackets(lineStart: bracketedLineStart, at: pos, decorated: keyword == .def || keyword == .class)
                return
            }
        }
        if bracketDepth <= decoratorDepth { decoratorLines.removeAll(keepingCapacity: true) }
    }

    /// Recovers from an unclosed bracket the way a reader would: the statement keyword at the
    /// start of this line begins a new logical line, and so does each decorator line above a
    /// `def` or `class` (`decorated`), which keeps its decorators.
    mutating func closeUnclosedBrackets(lineStart: Int, at p: Int, decorated: Bool) {
        var lines = decoratorLines
        decoratorLines.removeAll(keepingCapacity: true)
        var decorators: [Token] = []
        if decorated, let first = lines.first, Self.closeNothingBefore(tokens[first.token...]) {
            decorators = Array(tokens[first.token...])
            tokens.removeSubrange(first.token...)
        } else {
            lines.removeAll()
        }
        let newLine = decorators.first.map { Int($0.start) } ?? p
        problem(newLine, "a bracket was never closed")
        bracketDepth = 0
        modes.removeAll()
        bracketedLineStart = -1
        if lineHasTokens {
            emit(.newline, newLine, newLine)
            lineHasTokens = false
        }
        let base = lines.first?.token ?? 0
        for (k, line) in lines.enumerated() {
            let (column, textStart) = indentation(from: line.lineStart)
            applyIndentation(column, at: textStart)
            let end = k + 1 < lines.count ? lines[k + 1].token - base : decorators.count
            tokens.append(contentsOf: decorators[(line.token - base)..<end])
            let lineEnd = Int(decorators[end - 1].end)
            emit(.newline, lineEnd, lineEnd)
            lineHasTokens = false
        }
        applyIndentation(indentation(from: lineStart).column, at: p)
    }

    /// Whether the tokens close no bracket opened before them: lines starting with `@` are
    /// decorators only if they are still inside the brackets they started in (after
    /// `(a⏎ @ b) + (c,` the `@` line belongs to the expression).
    static func closeNothingBefore(_ tokens: ArraySlice<Token>) -> Bool {
        var balance = 0
        for t in tokens {
            switch t.kind {
            case .lpar, .lsqb, .lbrace, .fieldStart: balance += 1
            case .rpar, .rsqb, .rbrace, .fieldEnd:
                balance -= 1
                if balance < 0 { return false }
            default: break
            }
        }
        return true
    }

    mutating func lexNameOrPrefixedString() {
        let start = pos
        // Eight bytes a step (`ByteMasks`): a byte loop mispredicted at the end of every name.
        var p = pos + 1, ended = false
        if let base = source.baseAddress { (p, ended) = ByteMasks.skipRun(base, from: p, end: count, ByteMasks.wordBytes) }
        if !ended { while p < count && Self.isIdentifierByte(source[p]) { p += 1 } }
        if p < count && (source[p] == 34 || source[p] == 39) && p - start <= 2 {
            // A string prefix: r, u, b, f, t in either case, and the pairs rb/br, rf/fr, rt/tr.
            var raw = false, format = false, bytes = false, unicode = false, valid = true
            for i in start..<p {
                switch source[i] | 0x20 {
                case 114: if raw { valid = false }; raw = true
                case 102, 116: if format { valid = false }; format = true
                case 98: if bytes { valid = false }; bytes = true
                case 117: unicode = true
                default: valid = false
                }
            }
            if unicode && p - start > 1 { valid = false }
            if bytes && format { valid = false }
            if valid {
                lexString(start: start, quotePos: p, raw: raw, format: format)
                return
            }
        }
        pos = p
        emit(.name, start, p, KeywordTable.keyword(source, start, p))
    }

    mutating func lexNumber() {
        let start = pos
        var p = pos
        if source[p] == 48 && p + 1 < count && (source[p + 1] | 0x20 == 120 || source[p + 1] | 0x20 == 111 || source[p + 1] | 0x20 == 98) {
            p += 2
            while p < count {
                let c = source[p]
                if Self.isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102) || c == 95 { p += 1 } else { break }
            }
        } else {
            while p < count && (Self.isDigit(source[p]) || source[p] == 95) { p += 1 }
            if p < count && source[p] == 46 {
                p += 1
                while p < count && (Self.isDigit(source[p]) || source[p] == 95) { p += 1 }
            }
            if p < count && source[p] | 0x20 == 101 {
                var q = p + 1
                if q < count && (source[q] == 43 || source[q] == 45) { q += 1 }
                if q < count && Self.isDigit(source[q]) {
                    p = q
                    while p < count && (Self.isDigit(source[p]) || source[p] == 95) { p += 1 }
                }
            }
            if p < count && source[p] | 0x20 == 106 { p += 1 }
        }
        pos = p
        emit(.number, start, p)
    }

    mutating func lexOperator(_ c: UInt8) {
        let start = pos
        @inline(__always) func next(_ k: Int) -> UInt8 { pos + k < count ? source[pos + k] : 0 }
        let c1 = next(1), c2 = next(2)
        var kind: TokenKind
        var width = 1
        // Inside a replacement field, at its own bracket level, `}` ends it, `:` starts the
        // format spec (even before `=`) and `!` starts a conversion.
        if let top = modes.last, top.kind == .field, bracketDepth == top.depth {
            if c == 125 {
                emit(.fieldEnd, start, start + 1)
                pos += 1
                bracketDepth -= 1
                modes.removeLast()
                return
            }
            if c == 58 {
                emit(.specStart, start, start + 1)
                pos += 1
                modes[modes.count - 1].kind = .formatSpec
                return
            }
            if c == 33 && c1 != 61 {
                emit(.exclamation, start, start + 1)
                pos += 1
                return
            }
        }
        switch c {
        case 40: kind = .lpar; bracketDepth += 1
        case 91: kind = .lsqb; bracketDepth += 1
        case 123: kind = .lbrace; bracketDepth += 1
        case 41, 93, 125:
            kind = c == 41 ? .rpar : (c == 93 ? .rsqb : .rbrace)
            let floor = (modes.last?.kind == .field) ? modes[modes.count - 1].depth : 0
            if bracketDepth > floor { bracketDepth -= 1 }
        case 58: if c1 == 61 { kind = .colonEqual; width = 2 } else { kind = .colon }
        case 44: kind = .comma
        case 59: kind = .semi
        case 46: if c1 == 46 && c2 == 46 { kind = .ellipsis; width = 3 } else { kind = .dot }
        case 45:
            if c1 == 62 { kind = .arrow; width = 2 } else if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .minus }
        case 43: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .plus }
        case 42:
            if c1 == 42 {
                if c2 == 61 { kind = .augAssign; width = 3 } else { kind = .doubleStar; width = 2 }
            } else if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .star }
        case 47:
            if c1 == 47 {
                if c2 == 61 { kind = .augAssign; width = 3 } else { kind = .doubleSlash; width = 2 }
            } else if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .slash }
        case 37: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .percent }
        case 64: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .at }
        case 38: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .amper }
        case 124: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .vbar }
        case 94: if c1 == 61 { kind = .augAssign; width = 2 } else { kind = .circumflex }
        case 126: kind = .tilde
        case 60:
            if c1 == 60 {
                if c2 == 61 { kind = .augAssign; width = 3 } else { kind = .leftShift; width = 2 }
            } else if c1 == 61 { kind = .lessEqual; width = 2 } else if c1 == 62 { kind = .notEqual; width = 2 } else { kind = .less }
        case 62:
            if c1 == 62 {
                if c2 == 61 { kind = .augAssign; width = 3 } else { kind = .rightShift; width = 2 }
            } else if c1 == 61 { kind = .greaterEqual; width = 2 } else { kind = .greater }
        case 61: if c1 == 61 { kind = .equalEqual; width = 2 } else { kind = .equal }
        case 33: if c1 == 61 { kind = .notEqual; width = 2 } else { kind = .exclamation }
        default:
            problem(start, "invalid character")
            kind = .error
        }
        pos += width
        emit(kind, start, pos)
    }

    /// Lexes a string whose prefix starts at `start` and whose opening quote is at `quotePos`.
    /// An f-/t-string only gets its start token here; `scanFStringText` takes over from there.
    mutating func lexString(start: Int, quotePos: Int, raw: Bool, format: Bool) {
        let q = source[quotePos]
        var p = quotePos + 1
        let triple = p + 1 < count && source[p] == q && source[p + 1] == q
        if triple { p += 2 }
        if format {
            emit(.fstringStart, start, p)
            modes.append(Mode(kind: .fstringText, quote: q, triple: triple, raw: raw, depth: bracketDepth))
            pos = p
            return
        }
        while true {
            if p >= count {
                problem(start, triple ? "unterminated triple-quoted string" : "unterminated string")
                p = count
                break
            }
            let c = source[p]
            if c == 92 {
                // A backslash keeps the next character in the string, raw or not.
                p += (p + 2 < count && source[p + 1] == 13 && source[p + 2] == 10) ? 3 : 2
                continue
            }
            if c == q {
                if !triple { p += 1; break }
                if p + 2 < count && source[p + 1] == q && source[p + 2] == q { p += 3; break }
                p += 1
                continue
            }
            if (c == 10 || c == 13) && !triple {
                problem(start, "unterminated string")
                break
            }
            p += 1
        }
        if p > count { p = count }
        pos = p
        emit(.string, start, p)
    }

    /// Scans the literal text of an f-string or of a format spec up to the next replacement
    /// field, the end of the spec, or the closing quotes. Always consumes input or pops a mode.
    mutating func scanFStringText() {
        let mode = modes[modes.count - 1]
        let q = mode.quote
        var p = pos
        while true {
            if p >= count || ((source[p] == 10 || source[p] == 13) && !mode.triple) {
                problem(p, "unterminated f-string")
                if mode.kind == .formatSpec { bracketDepth -= 1 }
                if mode.kind == .fstringText { emit(.fstringEnd, p, p) }
                modes.removeLast()
                pos = min(p, count)
                return
            }
            let c = source[p]
            if c == q && (!mode.triple || (p + 2 < count && source[p + 1] == q && source[p + 2] == q)) {
                if mode.kind == .formatSpec {
                    // The quote ends the f-string before the field was closed.
                    problem(p, "f-string: expecting '}'")
                    bracketDepth -= 1
                    modes.removeLast()
                    pos = p
                    return
                }
                let end = p + (mode.triple ? 3 : 1)
                emit(.fstringEnd, p, end)
                modes.removeLast()
                pos = end
                return
            }
            if c == 92 {
                if p + 1 < count && (source[p + 1] == 123 || source[p + 1] == 125) { p += 1; continue }
                if !mode.raw && p + 2 < count && source[p + 1] == 78 && source[p + 2] == 123 {
                    // \N{NAME}: the braces belong to the escape.
                    p += 3
                    while p < count && source[p] != 125 && source[p] != q && source[p] != 10 && source[p] != 13 { p += 1 }
                    if p < count && source[p] == 125 { p += 1 }
                    continue
                }
                p += (p + 2 < count && source[p + 1] == 13 && source[p + 2] == 10) ? 3 : 2
                if p > count { p = count }
                continue
            }
            if c == 123 {
                if mode.kind == .fstringText && p + 1 < count && source[p + 1] == 123 { p += 2; continue }
                emit(.fieldStart, p, p + 1)
                bracketDepth += 1
                modes.append(Mode(kind: .field, quote: q, triple: mode.triple, raw: mode.raw, depth: bracketDepth))
                pos = p + 1
                return
            }
            if c == 125 {
                if mode.kind == .formatSpec {
                    emit(.fieldEnd, p, p + 1)
                    bracketDepth -= 1
                    modes.removeLast()
                    pos = p + 1
                    return
                }
                if p + 1 < count && source[p + 1] == 125 { p += 2; continue }
                problem(p, "f-string: single '}' is not allowed")
                p += 1
                continue
            }
            p += 1
        }
    }
}
