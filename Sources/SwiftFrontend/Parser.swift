import LightSyntax

/// How an expression is being parsed; decides where trailing closures may appear.
enum ExprFlavor {
    /// Anywhere trailing closures are allowed.
    case basic
    /// The condition of `if`/`guard`/`while`, a `for … in` sequence, a `switch` subject: a `{`
    /// there is the statement's body unless a lookahead proves otherwise (as swift-syntax does).
    case condition
    /// A `#if` condition: stops at the end of the line.
    case poundIf
}

/// Details used as `detail` symbols, interned once per tree. A class, so that the parser
/// struct stays small (debug builds copy it at many call sites).
final class Details: Sendable {
    let `func`, `init`, `deinit`, `subscript`, get, `let`, `var`, asyncLet, `for`, `case`: Symbol
    let binary, ternary, prefix, tuple, list, dict, keyPath, macro, captureList, poundIf: Symbol
    let `if`, `guard`, `while`, `repeat`, `switch`, `do`, `catch`, `defer`, `return`, `throw`: Symbol
    let `try`, tryQ, tryBang, enumCase, macroDecl, `is`, underscore: Symbol

    init(_ s: inout SymbolTable) {
        `func` = Self.intern(&s, "func"); `init` = Self.intern(&s, "init"); `deinit` = Self.intern(&s, "deinit")
        `subscript` = Self.intern(&s, "subscript"); get = Self.intern(&s, "get")
        `let` = Self.intern(&s, "let"); `var` = Self.intern(&s, "var"); asyncLet = Self.intern(&s, "async let")
        `for` = Self.intern(&s, "for"); `case` = Self.intern(&s, "case")
        binary = Self.intern(&s, "binary"); ternary = Self.intern(&s, "ternary"); prefix = Self.intern(&s, "prefix")
        tuple = Self.intern(&s, "tuple"); list = Self.intern(&s, "list"); dict = Self.intern(&s, "dict")
        keyPath = Self.intern(&s, "keyPath"); macro = Self.intern(&s, "macro"); captureList = Self.intern(&s, "captureList")
        poundIf = Self.intern(&s, "#if")
        `if` = Self.intern(&s, "if"); `guard` = Self.intern(&s, "guard"); `while` = Self.intern(&s, "while")
        `repeat` = Self.intern(&s, "repeat"); `switch` = Self.intern(&s, "switch"); `do` = Self.intern(&s, "do")
        `catch` = Self.intern(&s, "catch"); `defer` = Self.intern(&s, "defer"); `return` = Self.intern(&s, "return")
        `throw` = Self.intern(&s, "throw"); `try` = Self.intern(&s, "try"); tryQ = Self.intern(&s, "try?")
        tryBang = Self.intern(&s, "try!"); enumCase = Self.intern(&s, "enumCase"); macroDecl = Self.intern(&s, "macroDecl")
        `is` = Self.intern(&s, "is"); underscore = Self.intern(&s, "_")
    }

    /// Interns a literal straight from its bytes (no `String` is made: this runs for every file).
    private static func intern(_ s: inout SymbolTable, _ text: StaticString) -> Symbol {
        s.intern(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount),
                 0..<text.utf8CodeUnitCount)
    }
}

/// The recursive-descent parser. Expressions are built detached and attached when complete.
/// Recursion is bounded by `maxDepth` and by the stack actually used (`tooDeep`): deeper input
/// is skipped (bracket-balanced, without recursion) and recorded as a problem, so no input can
/// overflow the stack.
struct Parser {
    var tree: SyntaxTree
    var toks: [Token]
    /// For every opening token (`(`, `[`, `{`, `\(`): the index of its closing token (or of
    /// the end-of-file token), so that lookahead skips a group in constant time.
    var match: [Int32]
    let src: UnsafeRawBufferPointer
    var i = 0
    var depth = 0
    /// The last parenthesised expression returned without a node of its own, and where its
    /// `(` is: a call or member built on it starts at the parenthesis, as in swift-syntax.
    var parenNode = NodeID.none
    var parenStart = 0
    let d: Details
    /// Nesting levels (expressions, statements, blocks, closures, argument lists) before the
    /// parser stops recursing and skips the rest of the construct.
    static let maxDepth = 600
    /// Stack the parser may use, whatever the nesting: frames are several times larger in
    /// debug builds than in release, and threads other than the main one may have as little
    /// as 512 KiB, so the guard measures the stack instead of trusting a depth alone.
    static let stackBudget: UInt = 200 * 1024
    var stackBase: UInt = 0

    /// Whether the parser must stop recursing here.
    var tooDeep: Bool { mutating get {
        if depth >= Parser.maxDepth { return true }
        if stackBase == 0 { return false }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let used = stackBase > here ? stackBase - here : here - stackBase
        return used > Parser.stackBudget
    } }

    init(source: UnsafeBufferPointer<UInt8>, tree: SyntaxTree, tokens: consuming [Token]) {
        self.tree = tree
        self.toks = tokens
        self.src = UnsafeRawBufferPointer(source)
        self.d = Details(&self.tree.symbols)
        var unclosed: [Int32] = []
        self.match = Parser.matchBrackets(self.toks, unclosed: &unclosed)
        // About 0.6 nodes per token in real code (0.5 regrew the array in a third of the Swift
        // corpus's files): one allocation instead of regrowths. Room for one per token: pages
        // never written are never resident, while a regrowth holds two arrays at once.
        self.tree.reserveNodes(self.toks.count + 16)
        if !unclosed.isEmpty { endAtDeclarations(unclosed) }
    }

    /// `unclosed`: every `(` and `[` left unclosed, innermost first (see `endAtDeclarations`).
    static func matchBrackets(_ toks: [Token], unclosed: inout [Int32]) -> [Int32] {
        var match = [Int32](repeating: -1, count: toks.count)
        var stack: [Int32] = []
        var openBraces = 0
        let eof = Int32(toks.count - 1)
        for (k, t) in toks.enumerated() {
            switch t.kind {
            case .lparen, .lbracket, .interpOpen:
                stack.append(Int32(k))
            case .lbrace:
                stack.append(Int32(k))
                openBraces += 1
            case .rparen:
                if let top = stack.last, toks[Int(top)].kind == .lparen {
                    match[Int(top)] = Int32(k)
                    stack.removeLast()
                }
            case .rbracket:
                if let top = stack.last, toks[Int(top)].kind == .lbracket {
                    match[Int(top)] = Int32(k)
                    stack.removeLast()
                }
            case .rbrace:
                // Braces are the strongest structure: a `}` closes the innermost `{` and ends
                // every `(`/`[` left open inside it (they end just before the brace), so one
                // missing `)` does not swallow the rest of the file.
                guard openBraces > 0 else { break }
                while let top = stack.last, toks[Int(top)].kind != .lbrace {
                    if toks[Int(top)].kind == .interpOpen { break }
                    match[Int(top)] = Int32(max(Int(top), k - 1))
                    unclosed.append(top)
                    stack.removeLast()
                }
                if let top = stack.last, toks[Int(top)].kind == .lbrace {
                    match[Int(top)] = Int32(k)
                    stack.removeLast()
                    openBraces -= 1
                }
            case .interpClose:
                // Everything opened inside an interpolation ends with it.
                while let top = stack.last, toks[Int(top)].kind != .interpOpen {
                    if toks[Int(top)].kind == .lbrace { openBraces -= 1 } else { unclosed.append(top) }
                    match[Int(top)] = Int32(max(Int(top), k - 1))
                    stack.removeLast()
                }
                if let top = stack.last {
                    match[Int(top)] = Int32(k)
                    stack.removeLast()
                }
            default:
                break
            }
        }
        for k in stack.reversed() {
            match[Int(k)] = eof
            if toks[Int(k)].kind == .lparen || toks[Int(k)].kind == .lbracket { unclosed.append(k) }
        }
        return match
    }

    /// An unclosed `(` or `[` ends before the first line, at its own level, that starts a
    /// declaration (`startsDeclaration`), rather than at the enclosing `}` or the end of the file,
    /// as the list parsers end there: skipped as a group (a type's tuple, an attribute's
    /// arguments, recovery), it must not swallow the declarations after it. `openers` are
    /// innermost first, so that each walk steps over the inner groups already ended. Only
    /// malformed input has unclosed brackets.
    mutating func endAtDeclarations(_ openers: [Int32]) {
        for opener in openers {
            let open = Int(opener)
            let end = Int(match[open])
            var j = open + 1
            while j <= end && j < toks.count - 1 {
                if toks[j].atLineStart && startsDeclaration(at: j) {
                    match[open] = Int32(j - 1)
                    break
                }
                j = after(j)
            }
        }
    }

    // MARK: - Token access

    /// The token at `j`, or the end-of-file token past the end: lookahead may run off the end
    /// of malformed input without a bounds check of its own.
    @inline(__always) mutating func tk(_ j: Int) -> Token { toks[j < toks.count ? max(j, 0) : toks.count - 1] }

    @inline(__always) var tok: Token { mutating get { tk(i) } }
    @inline(__always) var kind: TokenKind { mutating get { tk(i).kind } }
    @inline(__always) mutating func peek(_ k: Int = 1) -> Token { tk(min(i + k, toks.count - 1)) }
    @inline(__always) mutating func kwAt(_ j: Int) -> Keyword {
        let t = tk(min(j, toks.count - 1))
        return t.kind == .identifier ? t.kw : .none
    }
    @inline(__always) mutating func isKw(_ k: Keyword) -> Bool { tk(i).kind == .identifier && tk(i).kw == k }
    @inline(__always) var atEOF: Bool { mutating get { tk(i).kind == .eof } }
    @inline(__always) mutating func advance() { if tk(i).kind != .eof { i += 1 } }
    @inline(__always) var start: Int { mutating get { Int(tk(i).start) } }
    /// End of the previous token (where a node that ends before `tok` ends).
    @inline(__always) var prevEnd: Int { mutating get { i > 0 ? Int(tk(i - 1).end) : 0 } }

    /// Whether the token is a single-byte operator `c`.
    @inline(__always) mutating func isOp(_ t: Token, _ c: UInt8) -> Bool {
        t.kind == .op && t.end - t.start == 1 && src[Int(t.start)] == c
    }
    @inline(__always) mutating func isOp(_ c: UInt8) -> Bool { isOp(tk(i), c) }
    mutating func opText(_ t: Token, _ s: StaticString) -> Bool {
        guard t.kind == .op, Int(t.end - t.start) == s.utf8CodeUnitCount else { return false }
        let b = s.utf8Start
        for k in 0..<s.utf8CodeUnitCount where src[Int(t.start) + k] != b[k] { return false }
        return true
    }
    /// A postfix `?` / `!`: bound to the operand on its left.
    mutating func isPostfixMark(_ t: Token) -> Bool {
        t.kind == .op && t.end - t.start == 1 && !t.spaceBefore
            && (src[Int(t.start)] == UInt8(ascii: "?") || src[Int(t.start)] == UInt8(ascii: "!"))
    }

    mutating func name(_ t: Token) -> Symbol {
        tree.symbols.intern(src, Int(t.valueStart)..<Int(t.valueEnd))
    }
    mutating func text(_ a: Int, _ b: Int) -> Symbol { tree.symbols.intern(src, a..<max(a, b)) }

    mutating func problem(_ message: String) { tree.addProblem(at: start, message) }

    /// Ends a node at the previous token, never before its own start (a node that consumed
    /// nothing is empty, not inverted) nor before its last child (an empty child made at the
    /// next token during recovery).
    @inline(__always) mutating func finish(_ id: NodeID) {
        var end = max(prevEnd, Int(tree[id].start))
        let last = tree[id].lastChild
        if !last.isNone { end = max(end, Int(tree[last].end)) }
        tree.setEnd(id, end)
    }

    /// Consumes a token of the kind or records a problem (never advances past something else).
    @discardableResult mutating func expect(_ k: TokenKind) -> Bool {
        if kind == k { advance(); return true }
        problem("expected \(k)")
        return false
    }

    /// Skips one token, or a whole bracketed group when at an opener.
    mutating func skipSingle() {
        switch kind {
        case .lparen, .lbracket, .lbrace, .interpOpen:
            let m = Int(match[i])
            i = m < 0 ? i + 1 : min(m + 1, toks.count - 1)
        case .eof:
            break
        default:
            i += 1
        }
    }

    /// Index after the group opened at `j` (or `j + 1` for a non-opener).
    mutating func after(_ j: Int) -> Int {
        switch tk(j).kind {
        case .lparen, .lbracket, .lbrace, .interpOpen:
            let m = Int(match[j])
            return m < 0 ? j + 1 : min(m + 1, toks.count - 1)
        case .eof:
            return j
        default:
            return j + 1
        }
    }

    /// Skips to the end of an expression without building anything (used beyond `maxDepth`
    /// and for recovery): stops before `,`, a closer, `;`, or the start of a new line.
    mutating func skipExpression() -> NodeID {
        let s = start
        tree.addProblem(at: s, "nesting too deep or unparsable expression; skipped")
        var first = true
        while true {
            switch kind {
            case .eof, .comma, .rparen, .rbracket, .rbrace, .interpClose, .semicolon, .colon:
                break
            default:
                if !first && tok.atLineStart { break }
                first = false
                skipSingle()
                continue
            }
            break
        }
        return tree.makeNode(.opaque, detail: d.binary, start: s, end: max(s, prevEnd))
    }

    // MARK: - Entry

    mutating func parseModule() {
        var marker: UInt8 = 0
        stackBase = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let module = tree.makeNode(.module, start: 0, end: src.count)
        parseStatements(into: module, until: .eof, context: .statements)
        tree.setEnd(module, src.count)
    }

    /// Makes every node's range hold its children's (recovery can end a node before an empty
    /// child made at the next token). One post-order pass over the child and parent links, in
    /// place, without a stack; the walk is bounded, and a tree whose links disagree (none is
    /// known) is done by the stack-based pass instead, so that no input can make it loop.
    mutating func normalizeRanges() {
        let count = tree.nodes.count
        guard count > 0 else { return }
        let root = Int(tree.root.raw)
        let done = tree.nodes.withUnsafeMutableBufferPointer { nodes -> Bool in
            var budget = 4 * count + 16
            var id = root
            while true {
                var child = nodes[id].firstChild
                while !child.isNone {
                    budget -= 1
                    if budget < 0 { return false }
                    id = Int(child.raw)
                    child = nodes[id].firstChild
                }
                while true {
                    budget -= 1
                    if budget < 0 { return false }
                    Self.holdChildren(id, nodes)
                    if id == root { return true }
                    let next = nodes[id].nextSibling
                    if !next.isNone {
                        id = Int(next.raw)
                        break
                    }
                    let parent = nodes[id].parent
                    if parent.isNone { return false }
                    id = Int(parent.raw)
                }
            }
        }
        if !done { normalizeRangesWithStack() }
    }

    /// Widens a node to its children's ranges (which are final).
    @inline(__always)
    static func holdChildren(_ id: Int, _ nodes: UnsafeMutableBufferPointer<SyntaxNode>) {
        var start = nodes[id].start, end = nodes[id].end
        var c = nodes[id].firstChild
        if !c.isNone { start = min(start, nodes[Int(c.raw)].start) }
        while !c.isNone {
            end = max(end, nodes[Int(c.raw)].end)
            c = nodes[Int(c.raw)].nextSibling
        }
        if end < start { end = start }
        nodes[id].start = start
        nodes[id].end = end
    }

    /// `normalizeRanges` with an explicit stack (needs no parent links).
    mutating func normalizeRangesWithStack() {
        // The stack holds `raw` for a node to expand and `~raw` (negative) for one whose
        // children are done.
        var stack: [Int32] = [tree.root.raw]
        stack.reserveCapacity(256)
        tree.nodes.withUnsafeMutableBufferPointer { nodes in
            while let top = stack.popLast() {
                if top < 0 {
                    Self.holdChildren(Int(~top), nodes)
                } else {
                    stack.append(~top)
                    var c = nodes[Int(top)].firstChild
                    while !c.isNone {
                        stack.append(c.raw)
                        c = nodes[Int(c.raw)].nextSibling
                    }
                }
            }
        }
    }

    enum Context { case statements, members, switchCases }

    /// Parses statements into `parent` until the closer (`}` or the end of the file).
    mutating func parseStatements(into parent: NodeID, until closer: TokenKind, context: Context) {
        while !atEOF && kind != closer {
            let before = i
            if context == .switchCases {
                parseSwitchCase(into: parent)
            } else {
                parseStatement(into: parent, context: context)
            }
            if i == before {
                // Nothing understood: skip the token so that the loop always advances.
                if kind == .rbrace || kind == .rparen || kind == .rbracket || kind == .interpClose {
                    if closer == .eof || kind != closer {
                        problem("unexpected closing bracket")
                        advance()
                        continue
                    }
                    break
                }
                problem("unexpected token")
                skipSingle()
            }
        }
    }

    /// `{ statements }` as a `block` child of `parent` (or detached when `parent` is none).
    @discardableResult
    mutating func parseBlock(into parent: NodeID, context: Context = .statements) -> NodeID {
        let s = start
        let block = parent.isNone ? tree.makeNode(.block, start: s, end: s)
                                  : tree.addNode(.block, parent: parent, start: s, end: s)
        guard kind == .lbrace else {
            problem("expected {")
            return block
        }
        if tooDeep {
            tree.addProblem(at: s, "nesting too deep; block skipped")
            skipSingle()
            finish(block)
            return block
        }
        depth += 1
        defer { depth -= 1 }
        advance()
        parseStatements(into: block, until: .rbrace, context: context)
        if kind == .rbrace { advance() } else { problem("expected }") }
        finish(block)
        return block
    }
}
