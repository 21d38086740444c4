import LightSyntax

/// The `detail` texts the Python front end writes, interned once per tree.
struct PythonDetails {
    let def, lambda, `class`, binary, compare, boolean, not, unary, ternary, tuple, list, set, dict: Symbol
    let comprehension, generator, star, doubleStar, slice, yield, yieldFrom, `if`, `for`, `while`: Symbol
    let `try`, except, match, `case`, pattern, type, del, assert, pass, `break`, `continue`: Symbol
    let `return`, raise, global, nonlocal, `as`, walrus, error, skipped, power: Symbol

    /// A symbol table holding just the details, and the details in it: every tree starts from
    /// a copy, so the 43 texts are not hashed again for every file.
    static let initial: (symbols: SymbolTable, details: PythonDetails) = {
        var symbols = SymbolTable()
        let details = PythonDetails(&symbols)
        return (symbols, details)
    }()

    init(_ symbols: inout SymbolTable) {
        def = symbols.intern("def"); lambda = symbols.intern("lambda"); `class` = symbols.intern("class")
        binary = symbols.intern("binary"); compare = symbols.intern("compare"); boolean = symbols.intern("boolean")
        not = symbols.intern("not"); unary = symbols.intern("unary"); ternary = symbols.intern("ternary")
        tuple = symbols.intern("tuple"); list = symbols.intern("list"); set = symbols.intern("set")
        dict = symbols.intern("dict"); comprehension = symbols.intern("comprehension")
        generator = symbols.intern("generator"); star = symbols.intern("star"); doubleStar = symbols.intern("doubleStar")
        slice = symbols.intern("slice"); yield = symbols.intern("yield"); yieldFrom = symbols.intern("yieldFrom")
        `if` = symbols.intern("if"); `for` = symbols.intern("for"); `while` = symbols.intern("while")
        `try` = symbols.intern("try"); except = symbols.intern("except"); match = symbols.intern("match")
        `case` = symbols.intern("case"); pattern = symbols.intern("pattern"); type = symbols.intern("type")
        del = symbols.intern("del"); assert = symbols.intern("assert"); pass = symbols.intern("pass")
        `break` = symbols.intern("break"); `continue` = symbols.intern("continue"); `return` = symbols.intern("return")
        raise = symbols.intern("raise"); global = symbols.intern("global"); nonlocal = symbols.intern("nonlocal")
        `as` = symbols.intern("as"); walrus = symbols.intern("walrus"); error = symbols.intern("error")
        skipped = symbols.intern("skipped"); power = symbols.intern("power")
    }
}

/// A recursive-descent parser over the token array, building the LightSyntax tree.
///
/// Expressions are built detached and attached by their parent once complete; statements are
/// attached as they are created. Errors never stop the parse: an expression that cannot be
/// read becomes an `opaque` `error` node and the statement skips to the end of its line.
/// Nesting is bounded (`maxDepth`): past it the nested part is skipped flat, so hostile input
/// cannot overflow the stack.
struct PythonTreeBuilder {
    var tree: SyntaxTree
    let source: UnsafeRawBufferPointer
    let tokens: UnsafeBufferPointer<Token>
    let lastIndex: Int
    /// Index of the current token.
    var cursor = 0
    /// End offset of the last real (non-layout) token consumed.
    var prevEnd = 0
    var depth = 0
    var reportedDepth = false
    let details: PythonDetails
    var scratch: [UInt8] = []

    /// CPython itself refuses more than 200 nested brackets. A bracket level costs one or two
    /// units here (the bracket and the expression inside), so this keeps the deepest real code
    /// whole while bounding the stack: a unit takes well under 1 KB of stack in release builds.
    /// 200, not 300: nested comprehensions (`[x for x in [x for x in …`) cost about six frames
    /// per unit, and at 300 a debug build overflowed a 512 KiB thread stack (HostileInputTests).
    static let maxDepth = 200

    init(lineMap: LineMap, source: UnsafeRawBufferPointer, tokens: UnsafeBufferPointer<Token>) {
        var tree = SyntaxTree(language: .python, lineMap: lineMap)
        // About 0.4 nodes per token on real code, up to 0.9 on dense code (`y = g(x)` on every
        // line): room for one per token, so the array never regrows. Pages never written are
        // never resident, while a regrowth holds the old and the new array at once (it put the
        // peak of a million such lines at twice the tree).
        tree.reserveNodes(tokens.count + 16)
        tree.makeNode(.module, start: 0, end: source.count)
        tree.symbols = PythonDetails.initial.symbols
        details = PythonDetails.initial.details
        self.tree = tree
        self.source = source
        self.tokens = tokens
        self.lastIndex = tokens.count - 1
    }

    // MARK: - Tree building

    // The tree's builder API is inlinable; kept out of line here so that the recursive parse
    // functions keep small stack frames (inlined, they grew to kilobytes per nesting level).

    @inline(never) mutating func make(_ kind: NodeKind, flags: NodeFlags = NodeFlags(rawValue: 0), name: Symbol = .none,
                                      detail: Symbol = .none, start: Int, end: Int) -> NodeID {
        tree.makeNode(kind, flags: flags, name: name, detail: detail, start: start, end: end)
    }

    @inline(never) @discardableResult
    mutating func add(_ kind: NodeKind, parent: NodeID, flags: NodeFlags = NodeFlags(rawValue: 0), name: Symbol = .none,
                      detail: Symbol = .none, start: Int, end: Int) -> NodeID {
        tree.addNode(kind, parent: parent, flags: flags, name: name, detail: detail, start: start, end: end)
    }

    @inline(never) mutating func attach(_ child: NodeID, to parent: NodeID) {
        tree.appendChild(child, to: parent)
    }

    @inline(never) mutating func setEnd(_ id: NodeID, _ end: Int) {
        tree.setEnd(id, end)
    }

    @inline(never) mutating func startOffset(of id: NodeID) -> Int {
        Int(tree.nodes[Int(id.raw)].start)
    }

    // MARK: - Tokens

    @inline(__always) var tok: Token { mutating get { tokens[cursor] } }
    @inline(__always) var kind: TokenKind { mutating get { tokens[cursor].kind } }
    @inline(__always) mutating func peek(_ offset: Int) -> Token { tokens[min(cursor + offset, lastIndex)] }
    @inline(__always) mutating func at(_ k: TokenKind) -> Bool { tokens[cursor].kind == k }
    @inline(__always) mutating func atKeyword(_ k: Keyword) -> Bool { tokens[cursor].kind == .name && tokens[cursor].keyword == k }

    @inline(__always) mutating func advance() {
        let t = tokens[cursor]
        if t.kind != .newline && t.kind != .indent && t.kind != .dedent && t.kind != .endMarker { prevEnd = t.endOffset }
        if cursor < lastIndex { cursor += 1 }
    }

    @inline(__always) mutating func eat(_ k: TokenKind) -> Bool {
        if tokens[cursor].kind == k { advance(); return true }
        return false
    }

    @inline(__always) mutating func eatKeyword(_ k: Keyword) -> Bool {
        if atKeyword(k) { advance(); return true }
        return false
    }

    mutating func problem(_ message: String) {
        tree.addProblem(at: tok.startOffset, message)
    }

    mutating func expect(_ k: TokenKind, _ what: StaticString) {
        // The message is only built while the tree still keeps problems (it keeps 200).
        if !eat(k) && tree.problems.count < 200 { tree.addProblem(at: tok.startOffset, "expected \(what)") }
    }

    /// A direct-mapped cache in front of the symbol table for ASCII names of up to 16 bytes
    /// (nearly all names): the name packed into two words is its own key, so a hit costs two
    /// loads and comparisons instead of hashing and comparing the bytes. A name has no zero
    /// byte, so the words tell the length too, and (0, 0) marks an empty slot.
    var nameCacheKeys = [(UInt64, UInt64)](repeating: (0, 0), count: Self.nameCacheSize)
    var nameCacheSymbols = [Symbol](repeating: .none, count: Self.nameCacheSize)
    static let nameCacheSize = 512

    @inline(__always) mutating func intern(_ t: Token) -> Symbol {
        let length = t.endOffset - t.startOffset
        if t.kind == .name && length > 0 && length <= 16 {
            let low = packedBytes(source, t.startOffset, min(length, 8))
            let high = length > 8 ? packedBytes(source, t.startOffset + 8, length - 8) : 0
            if (low | high) & 0x8080_8080_8080_8080 == 0 {
                let slot = Int(truncatingIfNeeded: ((low ^ (high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15) >> 55)
                if nameCacheKeys[slot] == (low, high) { return nameCacheSymbols[slot] }
                let symbol = tree.symbols.intern(source, t.startOffset..<t.endOffset)
                nameCacheKeys[slot] = (low, high)
                nameCacheSymbols[slot] = symbol
                return symbol
            }
        }
        return internSlow(t)
    }

    mutating func internSlow(_ t: Token) -> Symbol {
        var i = t.startOffset
        let end = t.endOffset
        while i < end && source[i] < 0x80 { i += 1 }
        if i == end { return tree.symbols.intern(source, t.startOffset..<end) }
        return internNormalizingWidth(t.startOffset, end)
    }

    /// CPython reads identifiers in NFKC form, so `ｗｗｗ` is the name `www`. Without Unicode
    /// tables, the compatibility characters that turn up in identifiers are mapped: fullwidth
    /// ASCII, the micro sign, mathematical alphanumerics and the Latin ligatures. Anything
    /// else is kept as written.
    mutating func internNormalizingWidth(_ start: Int, _ end: Int) -> Symbol {
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let b = source[i]
            var length = 1
            var codePoint = -1
            if b >= 0xC2 && b < 0xE0 && i + 1 < end {
                length = 2
                codePoint = Int(b & 0x1F) << 6 | Int(source[i + 1] & 0x3F)
            } else if b >= 0xE0 && b < 0xF0 && i + 2 < end {
                length = 3
                codePoint = Int(b & 0x0F) << 12 | Int(source[i + 1] & 0x3F) << 6 | Int(source[i + 2] & 0x3F)
            } else if b >= 0xF0 && b < 0xF5 && i + 3 < end {
                length = 4
                codePoint = Int(b & 0x07) << 18 | Int(source[i + 1] & 0x3F) << 12 | Int(source[i + 2] & 0x3F) << 6 | Int(source[i + 3] & 0x3F)
            }
            switch codePoint {
            case 0xFF01...0xFF5E:
                scratch.append(UInt8(codePoint - 0xFEE0))
            case 0xB5:
                scratch.append(contentsOf: [0xCE, 0xBC]) // µ → μ
            case 0x1D400...0x1D6A3:
                let letter = (codePoint - 0x1D400) % 52
                scratch.append(letter < 26 ? UInt8(65 + letter) : UInt8(97 + letter - 26))
            case 0x1D7CE...0x1D7FF:
                scratch.append(UInt8(48 + (codePoint - 0x1D7CE) % 10))
            case 0xFB00...0xFB06:
                let ligatures: [[UInt8]] = [[102, 102], [102, 105], [102, 108], [102, 102, 105], [102, 102, 108], [115, 116], [115, 116]]
                scratch.append(contentsOf: ligatures[codePoint - 0xFB00])
            default:
                for k in 0..<length { scratch.append(source[i + k]) }
            }
            i += length
        }
        return internScratch()
    }

    mutating func internScratch() -> Symbol {
        let symbols = scratch.withUnsafeBytes { buffer -> Symbol in
            tree.symbols.intern(buffer, 0..<buffer.count)
        }
        return symbols
    }

    /// Whether the current token can begin an expression.
    mutating func canStartExpression() -> Bool {
        let t = tok
        switch t.kind {
        case .name:
            switch t.keyword {
            case .none, .match, .case, .type, .trueValue, .falseValue, .noneValue, .not, .lambda, .await, .yield: return true
            default: return false
            }
        case .number, .string, .fstringStart, .lpar, .lsqb, .lbrace, .minus, .plus, .tilde, .star, .ellipsis: return true
        default: return false
        }
    }

    /// Skips to the end of the logical line (past its NEWLINE).
    mutating func skipToEndOfLine() {
        while !at(.newline) && !at(.endMarker) && !at(.indent) && !at(.dedent) { advance() }
        _ = eat(.newline)
    }

    // MARK: - Statements

    mutating func parseModule() {
        parseStatements(into: tree.root, untilDedent: false)
        setEnd(tree.root, source.count)
        if !tree.problems.isEmpty { encloseChildren() }
    }

    /// Makes every node's range hold its children's, which error recovery (nodes made where
    /// nothing could be read) can otherwise leave inverted. One post-order walk; well-formed
    /// input builds consistent ranges by construction and skips it.
    mutating func encloseChildren() {
        var stack: [(NodeID, Bool)] = [(tree.root, false)]
        while let (id, childrenDone) = stack.popLast() {
            if childrenDone {
                var node = tree[id]
                if node.end < node.start { node.end = node.start }
                var child = node.firstChild
                while !child.isNone {
                    let c = tree[child]
                    if c.start < node.start { node.start = c.start }
                    if c.end > node.end { node.end = c.end }
                    child = c.nextSibling
                }
                tree[id] = node
            } else {
                stack.append((id, true))
                var child = tree[id].firstChild
                while !child.isNone {
                    stack.append((child, false))
                    child = tree[child].nextSibling
                }
            }
        }
    }

    mutating func parseStatements(into parent: NodeID, untilDedent: Bool) {
        while true {
            switch kind {
            case .endMarker:
                return
            case .dedent:
                advance()
                if untilDedent { return }
            case .indent:
                problem("unexpected indent")
                advance()
                if depth >= Self.maxDepth {
                    skipIndentedBlock(into: parent)
                } else {
                    depth += 1
                    parseStatements(into: parent, untilDedent: true)
                    depth -= 1
                }
            case .newline:
                advance()
            default:
                let before = cursor
                parseStatement(into: parent)
                if cursor == before {
                    problem("unexpected token")
                    advance()
                }
            }
        }
    }

    /// Past the nesting limit: the rest of an indented block becomes one flat opaque node.
    mutating func skipIndentedBlock(into parent: NodeID) {
        reportDepth()
        let node = add(.opaque, parent: parent, detail: details.skipped, start: tok.startOffset, end: tok.startOffset)
        var balance = 1
        while !at(.endMarker) {
            if at(.indent) { balance += 1 } else if at(.dedent) {
                balance -= 1
                if balance == 0 { advance(); break }
            }
            advance()
        }
        setEnd(node, prevEnd)
    }

    mutating func reportDepth() {
        if !reportedDepth {
            reportedDepth = true
            problem("nesting too deep; the nested part is skipped")
        }
    }

    mutating func parseStatement(into parent: NodeID) {
        let t = tok
        if t.kind == .at { parseDecorated(into: parent); return }
        if t.kind == .name {
            switch t.keyword {
            case .def: parseFunction(into: parent, decorators: [], start: t.startOffset, isAsync: false); return
            case .class: parseClass(into: parent, decorators: [], start: t.startOffset); return
            case .if: parseIf(into: parent); return
            case .while: parseWhile(into: parent); return
            case .for: parseFor(into: parent, isAsync: false, start: t.startOffset); return
            case .try: parseTry(into: parent); return
            case .with: parseWith(into: parent, isAsync: false, start: t.startOffset); return
            case .async:
                let next = peek(1)
                if next.kind == .name {
                    switch next.keyword {
                    case .def: advance(); parseFunction(into: parent, decorators: [], start: t.startOffset, isAsync: true, anchor: t.startOffset); return
                    case .for: advance(); parseFor(into: parent, isAsync: true, start: t.startOffset); return
                    case .with: advance(); parseWith(into: parent, isAsync: true, start: t.startOffset); return
                    default: break
                    }
                }
            case .match:
                if looksLikeMatchStatement() { parseMatch(into: parent); return }
            default:
                break
            }
        }
        parseSimpleStatements(into: parent)
    }

    mutating func parseSimpleStatements(into parent: NodeID) {
        while true {
            parseSmallStatement(into: parent)
            if eat(.semi) {
                if at(.newline) || at(.endMarker) { break }
                continue
            }
            break
        }
        if eat(.newline) || at(.endMarker) { return }
        problem("invalid syntax")
        skipToEndOfLine()
    }

    mutating func parseSmallStatement(into parent: NodeID) {
        let t = tok
        let start = t.startOffset
        if t.kind == .name {
            switch t.keyword {
            case .return, .raise:
                let isReturn = t.keyword == .return
                advance()
                let node = add(.returnStatement, parent: parent, detail: isReturn ? details.return : details.raise, start: start, end: prevEnd)
                if canStartExpression() {
                    let value = isReturn ? parseStarExpressions() : parseExpression()
                    attach(value, to: node)
                    if !isReturn && eatKeyword(.from) {
                        attach(parseExpression(), to: node)
                    }
                }
                setEnd(node, prevEnd)
                return
            case .import: parseImport(into: parent); return
            case .from: parseFromImport(into: parent); return
            case .global, .nonlocal:
                advance()
                let node = add(.scopeDeclaration, parent: parent, detail: t.keyword == .global ? details.global : details.nonlocal, start: start, end: prevEnd)
                while at(.name) && !tok.keyword.isHard {
                    add(.name, parent: node, name: intern(tok), start: tok.startOffset, end: tok.endOffset)
                    advance()
                    if !eat(.comma) { break }
                }
                setEnd(node, prevEnd)
                return
            case .del:
                advance()
                let node = add(.opaque, parent: parent, detail: details.del, start: start, end: prevEnd)
                if canStartExpression() { attach(parseTargetList(), to: node) }
                setEnd(node, prevEnd)
                return
            case .assert:
                advance()
                let node = add(.opaque, parent: parent, detail: details.assert, start: start, end: prevEnd)
                attach(parseExpression(), to: node)
                if eat(.comma) { attach(parseExpression(), to: node) }
                setEnd(node, prevEnd)
                return
            case .pass, .break, .continue:
                advance()
                let detail = t.keyword == .pass ? details.pass : (t.keyword == .break ? details.break : details.continue)
                add(.opaque, parent: parent, detail: detail, start: start, end: prevEnd)
                return
            case .type:
                let next = peek(1), after = peek(2)
                if next.kind == .name && !next.keyword.isHard && (after.kind == .equal || after.kind == .lsqb) {
                    parseTypeAlias(into: parent)
                    return
                }
            default:
                break
            }
        }
        parseExpressionStatement(into: parent)
    }

    mutating func parseExpressionStatement(into parent: NodeID) {
        let start = tok.startOffset
        let first = parseStarExpressionsOrYield()
        switch kind {
        case .colon:
            advance()
            let node = add(.assignment, parent: parent, start: start, end: prevEnd)
            attach(first, to: node)
            attach(makeTypeAnnotation(parseExpression()), to: node)
            if eat(.equal) { attach(parseStarExpressionsOrYield(), to: node) }
            setEnd(node, prevEnd)
        case .augAssign:
            let op = intern(tok)
            advance()
            let node = add(.assignment, parent: parent, flags: .augmented, detail: op, start: start, end: prevEnd)
            attach(first, to: node)
            attach(parseStarExpressionsOrYield(), to: node)
            setEnd(node, prevEnd)
        case .equal:
            let node = add(.assignment, parent: parent, start: start, end: prevEnd)
            attach(first, to: node)
            while eat(.equal) {
                attach(parseStarExpressionsOrYield(), to: node)
            }
            setEnd(node, prevEnd)
        default:
            let node = add(.expressionStatement, parent: parent, start: start, end: prevEnd)
            attach(first, to: node)
        }
    }

    /// A dotted module name (`a.b.c`) copied into `scratch`; returns whether one was there.
    mutating func readDottedName() -> Bool {
        guard at(.name) else { return false }
        while true {
            let t = tok
            scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[t.startOffset..<t.endOffset]))
            advance()
            if at(.dot) && peek(1).kind == .name {
                scratch.append(46)
                advance()
            } else {
                return true
            }
        }
    }

    mutating func parseImport(into parent: NodeID) {
        let start = tok.startOffset
        advance()
        let node = add(.importStatement, parent: parent, start: start, end: prevEnd)
        repeat {
            let itemStart = tok.startOffset
            scratch.removeAll(keepingCapacity: true)
            guard readDottedName() else { problem("expected a module name"); break }
            let name = internScratch()
            var alias = Symbol.none
            if eatKeyword(.as), at(.name) { alias = intern(tok); advance() }
            add(.importName, parent: node, name: name, detail: alias, start: itemStart, end: prevEnd)
        } while eat(.comma)
        setEnd(node, prevEnd)
    }

    mutating func parseFromImport(into parent: NodeID) {
        let start = tok.startOffset
        advance()
        scratch.removeAll(keepingCapacity: true)
        while at(.dot) || at(.ellipsis) {
            scratch.append(contentsOf: at(.dot) ? [46] : [46, 46, 46])
            advance()
        }
        if !atKeyword(.import) { _ = readDottedName() }
        let module = internScratch()
        let node = add(.importStatement, parent: parent, flags: .isFrom, name: module, start: start, end: prevEnd)
        guard eatKeyword(.import) else { problem("expected 'import'"); return }
        if at(.star) {
            let t = tok
            advance()
            add(.importName, parent: node, name: intern(t), start: t.startOffset, end: t.endOffset)
        } else {
            let parenthesized = eat(.lpar)
            while at(.name) {
                let t = tok
                advance()
                var alias = Symbol.none
                if eatKeyword(.as), at(.name) { alias = intern(tok); advance() }
                add(.importName, parent: node, name: intern(t), detail: alias, start: t.startOffset, end: prevEnd)
                if !eat(.comma) { break }
            }
            if parenthesized { expect(.rpar, "')'") }
        }
        setEnd(node, prevEnd)
    }

    mutating func parseTypeAlias(into parent: NodeID) {
        let start = tok.startOffset
        advance()
        let node = add(.opaque, parent: parent, detail: details.type, start: start, end: prevEnd)
        add(.name, parent: node, name: intern(tok), start: tok.startOffset, end: tok.endOffset)
        advance()
        if at(.lsqb) { skipBracketed() }
        expect(.equal, "'='")
        attach(parseExpression(), to: node)
        setEnd(node, prevEnd)
    }

    /// Skips a bracketed group (type parameters), balanced over every kind of bracket.
    mutating func skipBracketed() {
        var balance = 0
        repeat {
            switch kind {
            case .lpar, .lsqb, .lbrace, .fieldStart, .fstringStart: balance += 1
            case .rpar, .rsqb, .rbrace, .fieldEnd, .fstringEnd: balance -= 1
            case .newline, .endMarker: return
            default: break
            }
            advance()
        } while balance > 0
    }

    // MARK: Compound statements

    /// `:` then a block: an indented suite or simple statements on the same line.
    mutating func parseColonAndBlock(into parent: NodeID) {
        if !eat(.colon) {
            problem("expected ':'")
            while !at(.newline) && !at(.endMarker) { advance() }
        }
        parseBlock(into: parent)
    }

    mutating func parseBlock(into parent: NodeID) {
        let block = add(.block, parent: parent, start: tok.startOffset, end: tok.startOffset)
        if eat(.newline) {
            if at(.indent) {
                tree.setStart(block, tok.startOffset)
                advance()
                if depth >= Self.maxDepth {
                    skipIndentedBlock(into: block)
                } else {
                    depth += 1
                    parseStatements(into: block, untilDedent: true)
                    depth -= 1
                }
            } else {
                problem("expected an indented block")
            }
        } else if at(.endMarker) {
            problem("expected a block")
        } else {
            parseSimpleStatements(into: block)
        }
        setEnd(block, max(prevEnd, startOffset(of: block)))
    }

    mutating func parseDecorated(into parent: NodeID) {
        let start = tok.startOffset
        var decorators: [NodeID] = []
        while at(.at) {
            let decoratorStart = tok.startOffset
            advance()
            let expression = parseNamedExpression()
            let attribute = make(.attribute, name: dottedText(of: expression), start: decoratorStart, end: prevEnd)
            attach(expression, to: attribute)
            decorators.append(attribute)
            if !eat(.newline) {
                problem("expected a newline after the decorator")
                skipToEndOfLine()
            }
        }
        let t = tok
        if atKeyword(.def) {
            parseFunction(into: parent, decorators: decorators, start: start, isAsync: false)
        } else if atKeyword(.async) && peek(1).keyword == .def {
            advance()
            parseFunction(into: parent, decorators: decorators, start: start, isAsync: true, anchor: t.startOffset)
        } else if atKeyword(.class) {
            parseClass(into: parent, decorators: decorators, start: start)
        } else {
            problem("expected a function or class after decorators")
            // Keep the decorator expressions in the tree: their calls still run.
            let node = add(.opaque, parent: parent, detail: details.error, start: start, end: prevEnd)
            for d in decorators { attach(d, to: node) }
        }
    }

    /// At `def` (an `async` has been consumed and is the anchor when given).
    mutating func parseFunction(into parent: NodeID, decorators: [NodeID], start: Int, isAsync: Bool, anchor: Int? = nil) {
        let anchorOffset = anchor ?? tok.startOffset
        advance()
        var name = Symbol.none
        if at(.name) && !tok.keyword.isHard {
            name = intern(tok)
            advance()
        } else {
            problem("expected a function name")
        }
        let function = add(.function, parent: parent, flags: isAsync ? .isAsync : NodeFlags(rawValue: 0), name: name, detail: details.def, start: start, end: prevEnd)
        tree.setAnchor(function, anchorOffset)
        for d in decorators { attach(d, to: function) }
        if at(.lsqb) { skipBracketed() }
        if eat(.lpar) {
            parseParameters(into: function, closer: .rpar, annotated: true)
            expect(.rpar, "')'")
        } else {
            problem("expected '('")
        }
        if eat(.arrow) { attach(makeTypeAnnotation(parseExpression()), to: function) }
        parseColonAndBlock(into: function)
        setEnd(function, prevEnd)
    }

    /// Parameters of a `def` (with annotations) or a `lambda` (without), up to `closer`.
    mutating func parseParameters(into owner: NodeID, closer: TokenKind, annotated: Bool) {
        while !at(closer) && !at(.endMarker) && !at(.newline) {
            let start = tok.startOffset
            if eat(.slash) {
                if !eat(.comma) { break }
                continue
            }
            var flags = NodeFlags(rawValue: 0)
            if eat(.star) {
                if !at(.name) {
                    if !eat(.comma) { break }
                    continue
                }
                flags = .star
            } else if eat(.doubleStar) {
                flags = .doubleStar
            }
            guard at(.name) && !tok.keyword.isHard else {
                problem("expected a parameter name")
                break
            }
            let parameter = add(.parameter, parent: owner, flags: flags, name: intern(tok), start: start, end: tok.endOffset)
            advance()
            if annotated && eat(.colon) {
                let annotation = at(.star) ? parseStarred() : parseExpression()
                attach(makeTypeAnnotation(annotation), to: parameter)
            }
            if eat(.equal) { attach(parseExpression(), to: parameter) }
            setEnd(parameter, prevEnd)
            if !eat(.comma) { break }
        }
    }

    mutating func parseClass(into parent: NodeID, decorators: [NodeID], start: Int) {
        let anchor = tok.startOffset
        advance()
        var name = Symbol.none
        if at(.name) && !tok.keyword.isHard {
            name = intern(tok)
            advance()
        } else {
            problem("expected a class name")
        }
        let node = add(.typeDecl, parent: parent, name: name, detail: details.class, start: start, end: prevEnd)
        tree.setAnchor(node, anchor)
        for d in decorators { attach(d, to: node) }
        if at(.lsqb) { skipBracketed() }
        if eat(.lpar) {
            parseArguments(into: node)
            expect(.rpar, "')'")
        }
        parseColonAndBlock(into: node)
        setEnd(node, prevEnd)
    }

    mutating func parseIf(into parent: NodeID) {
        let node = add(.opaque, parent: parent, detail: details.if, start: tok.startOffset, end: tok.endOffset)
        advance()
        attach(parseNamedExpression(), to: node)
        parseColonAndBlock(into: node)
        while atKeyword(.elif) {
            advance()
            attach(parseNamedExpression(), to: node)
            parseColonAndBlock(into: node)
        }
        if eatKeyword(.else) { parseColonAndBlock(into: node) }
        setEnd(node, prevEnd)
    }

    mutating func parseWhile(into parent: NodeID) {
        let node = add(.opaque, parent: parent, detail: details.while, start: tok.startOffset, end: tok.endOffset)
        advance()
        attach(parseNamedExpression(), to: node)
        parseColonAndBlock(into: node)
        if eatKeyword(.else) { parseColonAndBlock(into: node) }
        setEnd(node, prevEnd)
    }

    /// At `for` (an `async` has been consumed).
    mutating func parseFor(into parent: NodeID, isAsync: Bool, start: Int) {
        let node = add(.opaque, parent: parent, flags: isAsync ? .isAsync : NodeFlags(rawValue: 0), detail: details.for, start: start, end: tok.endOffset)
        advance()
        attach(parseTargetList(), to: node)
        if !eatKeyword(.in) { problem("expected 'in'") }
        attach(parseStarExpressions(), to: node)
        parseColonAndBlock(into: node)
        if eatKeyword(.else) { parseColonAndBlock(into: node) }
        setEnd(node, prevEnd)
    }

    mutating func parseTry(into parent: NodeID) {
        let node = add(.opaque, parent: parent, detail: details.try, start: tok.startOffset, end: tok.endOffset)
        advance()
        parseColonAndBlock(into: node)
        while atKeyword(.except) {
            let handler = add(.opaque, parent: node, detail: details.except, start: tok.startOffset, end: tok.endOffset)
            advance()
            _ = eat(.star)
            if !at(.colon) {
                attach(parseStarExpressions(), to: handler)
                if atKeyword(.as) {
                    let asStart = tok.startOffset
                    advance()
                    var name = Symbol.none
                    if at(.name) { name = intern(tok); advance() }
                    add(.binding, parent: handler, name: name, detail: details.as, start: asStart, end: prevEnd)
                }
            }
            parseColonAndBlock(into: handler)
            setEnd(handler, prevEnd)
        }
        if eatKeyword(.else) { parseColonAndBlock(into: node) }
        if eatKeyword(.finally) { parseColonAndBlock(into: node) }
        setEnd(node, prevEnd)
    }

    /// At `with` (an `async` has been consumed).
    mutating func parseWith(into parent: NodeID, isAsync: Bool, start: Int) {
        let node = add(.with, parent: parent, flags: isAsync ? .isAsync : NodeFlags(rawValue: 0), start: start, end: tok.endOffset)
        advance()
        if at(.lpar) && parenthesizedWithItems() {
            advance()
            while canStartExpression() {
                parseWithItem(into: node)
                if !eat(.comma) { break }
            }
            expect(.rpar, "')'")
        } else {
            repeat { parseWithItem(into: node) } while eat(.comma)
        }
        parseColonAndBlock(into: node)
        setEnd(node, prevEnd)
    }

    /// `with (a as b, c):` — the parenthesis holds the items when its match is followed by `:`.
    mutating func parenthesizedWithItems() -> Bool {
        var i = cursor
        var balance = 0
        while i < lastIndex {
            switch tokens[i].kind {
            case .lpar: balance += 1
            case .rpar:
                balance -= 1
                if balance == 0 { return tokens[i + 1].kind == .colon }
            case .newline, .endMarker: return false
            default: break
            }
            i += 1
        }
        return false
    }

    mutating func parseWithItem(into node: NodeID) {
        let item = add(.withItem, parent: node, start: tok.startOffset, end: tok.endOffset)
        attach(atKeyword(.yield) ? parseYield() : parseExpression(), to: item)
        if eatKeyword(.as) { attach(parseStarTarget(), to: item) }
        setEnd(item, prevEnd)
    }

    /// `match` followed, on the same logical line, by `:` NEWLINE INDENT `case`.
    mutating func looksLikeMatchStatement() -> Bool {
        switch peek(1).kind {
        case .name, .number, .string, .fstringStart, .lpar, .lsqb, .lbrace, .minus, .tilde, .star, .ellipsis: break
        default: return false
        }
        // A `;` ends the search too: it cannot appear in a match header, and stopping there
        // keeps a line of many short statements linear.
        var i = cursor + 1
        while i < lastIndex && tokens[i].kind != .newline && tokens[i].kind != .semi { i += 1 }
        guard i < lastIndex, tokens[i].kind == .newline, tokens[i - 1].kind == .colon, i + 2 <= lastIndex else { return false }
        let indent = tokens[i + 1], first = tokens[i + 2]
        return indent.kind == .indent && first.kind == .name && first.keyword == .case
    }

    mutating func parseMatch(into parent: NodeID) {
        let node = add(.opaque, parent: parent, detail: details.match, start: tok.startOffset, end: tok.endOffset)
        advance()
        attach(parseStarExpressions(), to: node)
        expect(.colon, "':'")
        _ = eat(.newline)
        guard eat(.indent) else { problem("expected an indented block"); return }
        while !at(.endMarker) {
            if eat(.dedent) { break }
            if atKeyword(.case) {
                let caseNode = add(.opaque, parent: node, detail: details.case, start: tok.startOffset, end: tok.endOffset)
                advance()
                parsePattern(into: caseNode)
                if eatKeyword(.if) { attach(parseNamedExpression(), to: caseNode) }
                parseColonAndBlock(into: caseNode)
                setEnd(caseNode, prevEnd)
            } else {
                let before = cursor
                problem("expected 'case'")
                parseStatement(into: node)
                if cursor == before { advance() }
            }
        }
        setEnd(node, prevEnd)
    }

    /// A pattern is kept flat: an `opaque` `pattern` holding a `name` per capture. Class
    /// patterns (`Point(x=0)`) look like calls but are not, so no `call` is made.
    mutating func parsePattern(into caseNode: NodeID) {
        let pattern = add(.opaque, parent: caseNode, detail: details.pattern, start: tok.startOffset, end: tok.startOffset)
        var balance = 0
        var previous = TokenKind.endMarker
        while !at(.endMarker) && !at(.newline) {
            let t = tok
            if balance == 0 && (t.kind == .colon || (t.kind == .name && t.keyword == .if)) { break }
            switch t.kind {
            case .lpar, .lsqb, .lbrace, .fstringStart, .fieldStart: balance += 1
            case .rpar, .rsqb, .rbrace, .fstringEnd, .fieldEnd: balance = max(0, balance - 1)
            case .name:
                let next = peek(1).kind
                if !t.keyword.isHard && previous != .dot && next != .dot && next != .lpar && next != .equal {
                    add(.name, parent: pattern, name: intern(t), start: t.startOffset, end: t.endOffset)
                }
            default: break
            }
            previous = t.kind
            advance()
        }
        setEnd(pattern, prevEnd)
    }
}
