import LightSyntax

extension Parser {
    @inline(__always) mutating func isPlainKw(_ t: Token, _ k: Keyword) -> Bool {
        t.kind == .identifier && t.kw == k && !t.flags.contains(.escaped)
    }

    /// `#elseif`/`#else`/`#endif`: the end of a `#if` branch.
    var atIfConfigBranchEnd: Bool { mutating get {
        kind == .pound && (tok.kw == .elseif || tok.kw == .else || tok.kw == .endif)
    } }

    mutating func parseStatement(into parent: NodeID, context: Context) {
        if tooDeep {
            tree.addProblem(at: start, "nesting too deep; statement skipped")
            _ = skipExpression()
            if i < toks.count - 1 && kind != .rbrace && kind != .eof { skipSingle() }
            return
        }
        depth += 1
        defer { depth -= 1 }
        let t = tok
        switch t.kind {
        case .semicolon:
            advance()
            return
        case .at:
            parseDeclaration(into: parent)
            return
        case .pound:
            switch t.kw {
            case .if:
                parseIfConfig(into: parent, context: context)
                return
            case .warning, .error, .sourceLocation:
                advance()
                if kind == .lparen && !tok.atLineStart { skipSingle() }
                return
            default:
                break
            }
        case .identifier where !t.flags.contains(.escaped):
            if isDeclarationStart(i, context: context) {
                parseDeclaration(into: parent)
                return
            }
            switch t.kw {
            case .if:
                let node = parseIf(asExpression: false)
                tree.appendChild(node, to: parent)
                return
            case .guard:
                parseGuard(into: parent)
                return
            case .switch:
                tree.appendChild(parseSwitch(), to: parent)
                return
            case .for:
                parseFor(into: parent)
                return
            case .while:
                parseWhile(into: parent)
                return
            case .repeat where peek().kind == .lbrace:
                parseRepeat(into: parent)
                return
            case .do where peek().kind == .lbrace || isPlainKw(peek(), .throws):
                tree.appendChild(parseDo(), to: parent)
                return
            case .defer where peek().kind == .lbrace:
                let node = tree.addNode(.opaque, parent: parent, detail: d.defer, start: start, end: start)
                advance()
                parseBlock(into: node)
                finish(node)
                return
            case .return, .throw:
                let s = start
                let node = tree.addNode(.returnStatement, parent: parent, detail: t.kw == .return ? d.return : d.throw,
                                        start: s, end: Int(t.end))
                advance()
                if t.kw == .throw || isStartOfReturnExpr() {
                    let e = parseExpr()
                    if !e.isNone { tree.appendChild(e, to: node) }
                }
                finish(node)
                return
            case .break, .continue:
                advance()
                if kind == .identifier && !tok.atLineStart && tok.kw == .none { advance() }
                return
            case .fallthrough:
                advance()
                return
            case .discard where peek().kind == .identifier && !peek().atLineStart:
                advance(); advance()
                return
            case .async where isPlainKw(peek(), .let) || isPlainKw(peek(), .var):
                let s = start
                advance()
                parseVariable(into: parent, start: s, attributes: [], asyncLet: true)
                return
            default:
                // `label: for …`
                if peek().kind == .colon && t.kw == .none {
                    let k = kwAt(i + 2)
                    if k == .for || k == .while || k == .repeat || k == .if || k == .switch || k == .do || k == .guard {
                        advance(); advance()
                        parseStatement(into: parent, context: context)
                        return
                    }
                }
            }
        case .identifier:
            // A backticked name: `label: for` is possible too.
            if peek().kind == .colon {
                let k = kwAt(i + 2)
                if k == .for || k == .while || k == .repeat || k == .do {
                    advance(); advance()
                    parseStatement(into: parent, context: context)
                    return
                }
            }
        default:
            break
        }
        parseExpressionStatement(into: parent)
    }

    /// swift-syntax's rule: `return` takes an expression unless a statement, a declaration, a
    /// case label or a closer follows — even on the next line.
    mutating func isStartOfReturnExpr() -> Bool {
        let t = tok
        switch t.kind {
        case .rbrace, .semicolon, .eof:
            return false
        case .pound:
            if t.kw == .if || t.kw == .endif || t.kw == .else || t.kw == .elseif { return false }
            return true
        case .at:
            return false
        case .identifier:
            if t.flags.contains(.escaped) { return true }
            switch t.kw {
            case .case, .default:
                return false
            case .if, .switch, .do:
                return true
            case .return, .for, .while, .guard, .defer, .break, .continue, .fallthrough, .throw:
                return false
            case .repeat:
                return peek().kind != .lbrace
            default:
                return !isDeclarationStart(i, context: .statements)
            }
        default:
            return true
        }
    }

    mutating func parseExpressionStatement(into parent: NodeID) {
        let s = start
        let e = parseExpr()
        if e.isNone { return }
        if kind == .equal {
            advance()
            let node = tree.addNode(.assignment, parent: parent, start: s, end: s)
            tree.appendChild(e, to: node)
            let v = parseExpr()
            if !v.isNone { tree.appendChild(v, to: node) }
            finish(node)
            return
        }
        if kind == .op && isAssignmentOperator(tok) {
            let op = name(tok)
            advance()
            let node = tree.addNode(.assignment, parent: parent, flags: .augmented, detail: op, start: s, end: s)
            tree.appendChild(e, to: node)
            let v = parseExpr()
            if !v.isNone { tree.appendChild(v, to: node) }
            finish(node)
            return
        }
        let st = tree.addNode(.expressionStatement, parent: parent, start: s, end: prevEnd)
        tree.appendChild(e, to: st)
    }

    /// `+=`, `-=`, `<<=`, `&+=`…: ends in `=` and is not a comparison.
    mutating func isAssignmentOperator(_ t: Token) -> Bool {
        guard t.kind == .op, isBinaryOperator(t) else { return false }
        let a = Int(t.start), b = Int(t.end)
        guard b - a >= 2, src[b - 1] == UInt8(ascii: "=") else { return false }
        let first = src[a]
        if first == UInt8(ascii: "=") { return false }
        if b - a == 2 && (first == UInt8(ascii: "!") || first == UInt8(ascii: "<") || first == UInt8(ascii: ">") || first == UInt8(ascii: "~")) {
            return false
        }
        if b - a == 3 && (first == UInt8(ascii: "=") || first == UInt8(ascii: "!")) && src[a + 1] == UInt8(ascii: "=") { return false }
        return true
    }

    // MARK: - Control flow

    /// `if c, let x = y { … } else if … { … } else { … }` (statement or expression).
    mutating func parseIf(asExpression: Bool) -> NodeID {
        let node = tree.makeNode(.opaque, detail: d.if, start: start, end: start)
        advance()
        parseConditions(into: node)
        parseBlock(into: node)
        var guardCount = 0
        while isKw(.else) && guardCount < 100_000 {
            guardCount += 1
            advance()
            if isKw(.if) {
                advance()
                parseConditions(into: node)
                parseBlock(into: node)
            } else {
                parseBlock(into: node)
                break
            }
        }
        finish(node)
        return node
    }

    /// Conditions of `if`/`guard`/`while`: bindings, `case` patterns, availability, expressions.
    mutating func parseConditions(into node: NodeID) {
        while !atEOF && kind != .lbrace {
            let before = i
            let s = start
            if (isKw(.let) || isKw(.var)) && !tok.flags.contains(.escaped) {
                let detail = isKw(.let) ? d.let : d.var
                advance()
                let binding = tree.addNode(.binding, parent: node, detail: detail, start: s, end: s)
                parseBindingPattern(binding)
                if kind == .colon {
                    advance()
                    let (a, b) = parseType()
                    addTypeAnnotation(binding, a, b)
                }
                if kind == .equal {
                    advance()
                    let v = parseExpr(.condition)
                    if !v.isNone { tree.appendChild(v, to: binding) }
                }
                finish(binding)
            } else if isKw(.case) {
                advance()
                let binding = tree.addNode(.binding, parent: node, detail: d.case, start: s, end: s)
                let pattern = parseExpr(.basic)
                if !pattern.isNone { tree.appendChild(pattern, to: binding) }
                if kind == .colon {
                    advance()
                    parseType()
                }
                if kind == .equal {
                    advance()
                    let v = parseExpr(.condition)
                    if !v.isNone { tree.appendChild(v, to: binding) }
                }
                finish(binding)
            } else if kind == .pound && (tok.kw == .available || tok.kw == .unavailable) {
                advance()
                if kind == .lparen { skipSingle() }
            } else {
                let e = parseExpr(.condition)
                if !e.isNone { tree.appendChild(e, to: node) }
            }
            if kind == .comma { advance(); continue }
            if i == before {
                problem("unexpected token in condition")
                if kind == .rbrace || atEOF || isKw(.else) { return }
                skipSingle()
                continue
            }
            return
        }
    }

    /// The pattern after `let`/`var`: a name, `_`, or a tuple of names.
    mutating func parseBindingPattern(_ binding: NodeID) {
        if kind == .identifier {
            tree[binding].name = name(tok)
            advance()
        } else if kind == .lparen {
            let close = Int(match[i])
            var j = i + 1
            while j < close && j < toks.count - 1 {
                let t = tk(j)
                // Names of the tuple pattern; a name before `:` is a label.
                if t.kind == .identifier && (t.kw == .none || t.flags.contains(.escaped) || t.kw == .underscore)
                    && tk(j + 1).kind != .colon {
                    tree.addNode(.name, parent: binding, name: name(t), start: Int(t.start), end: Int(t.end))
                }
                j = after(j)
            }
            skipSingle()
        }
    }

    mutating func parseGuard(into parent: NodeID) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.guard, start: start, end: start)
        advance()
        parseConditions(into: node)
        if isKw(.else) { advance() } else { problem("expected else") }
        parseBlock(into: node)
        finish(node)
    }

    mutating func parseWhile(into parent: NodeID) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.while, start: start, end: start)
        advance()
        parseConditions(into: node)
        parseBlock(into: node)
        finish(node)
    }

    mutating func parseRepeat(into parent: NodeID) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.repeat, start: start, end: start)
        advance()
        parseBlock(into: node)
        if isKw(.while) {
            advance()
            let e = parseExpr(.basic)
            if !e.isNone { tree.appendChild(e, to: node) }
        }
        finish(node)
    }

    /// `for try await case let x in seq where c { … }`.
    mutating func parseFor(into parent: NodeID) {
        let s = start
        let node = tree.addNode(.opaque, parent: parent, detail: d.for, start: s, end: s)
        advance()
        if isKw(.try) { advance() }
        if isKw(.await) { tree.addFlags(node, .isAsync); advance() }
        let ps = start
        if isKw(.case) {
            advance()
            let binding = tree.addNode(.binding, parent: node, detail: d.case, start: ps, end: ps)
            let pattern = parseExpr(.basic)
            if !pattern.isNone { tree.appendChild(pattern, to: binding) }
            finish(binding)
        } else {
            if isKw(.let) || isKw(.var) { advance() }
            let binding = tree.addNode(.binding, parent: node, detail: d.for, start: ps, end: ps)
            parseBindingPattern(binding)
            finish(binding)
        }
        if kind == .colon {
            advance()
            parseType()
        }
        if isKw(.in) { advance() } else { problem("expected in") }
        let seq = parseExpr(.condition)
        if !seq.isNone { tree.appendChild(seq, to: node) }
        if isKw(.where) {
            advance()
            let w = parseExpr(.condition)
            if !w.isNone { tree.appendChild(w, to: node) }
        }
        parseBlock(into: node)
        finish(node)
    }

    /// `switch subject { case …: … default: … }` (statement or expression).
    mutating func parseSwitch() -> NodeID {
        let s = start
        let node = tree.makeNode(.opaque, detail: d.switch, start: s, end: s)
        advance()
        let subject = parseExpr(.condition)
        if !subject.isNone { tree.appendChild(subject, to: node) }
        guard kind == .lbrace else {
            problem("expected { after switch subject")
            finish(node)
            return node
        }
        if tooDeep {
            skipSingle()
            finish(node)
            return node
        }
        depth += 1
        advance()
        parseStatements(into: node, until: .rbrace, context: .switchCases)
        if kind == .rbrace { advance() }
        depth -= 1
        finish(node)
        return node
    }

    /// Whether a switch case label starts here (`case`, `default`, `@unknown`).
    var atSwitchCaseStart: Bool { mutating get {
        if isKw(.case) || (isKw(.default) && peek().kind == .colon) { return true }
        if kind == .at && peek().kind == .identifier && src[Int(peek().start)] == UInt8(ascii: "u") { return true }
        return false
    } }

    /// Whether the `#if` here wraps switch cases (its first branch starts with a case label).
    mutating func ifConfigWrapsCases() -> Bool {
        var j = i + 1
        while tk(j).kind != .eof && !tk(j).atLineStart { j = after(j) }
        let t = tk(j)
        if isPlainKw(t, .case) || isPlainKw(t, .default) || t.kind == .at { return true }
        if t.kind == .pound && t.kw == .if {
            // A nested #if: look at what it wraps.
            var k = j + 1
            while tk(k).kind != .eof && !tk(k).atLineStart { k = after(k) }
            let u = tk(k)
            return isPlainKw(u, .case) || isPlainKw(u, .default) || u.kind == .at
        }
        return false
    }

    /// One `case …:` / `default:` with its statements, or a `#if` of cases.
    mutating func parseSwitchCase(into parent: NodeID) {
        if kind == .pound && tok.kw == .if {
            if ifConfigWrapsCases() {
                parseIfConfig(into: parent, context: .switchCases)
            } else {
                parseIfConfig(into: parent, context: .statements)
            }
            return
        }
        let s = start
        if kind == .at {
            // `@unknown default:`
            advance()
            if kind == .identifier { advance() }
        }
        guard isKw(.case) || isKw(.default) else {
            // Statements before any case label (invalid): parse them anyway.
            parseStatement(into: parent, context: .statements)
            return
        }
        let node = tree.addNode(.opaque, parent: parent, detail: d.case, start: s, end: s)
        if isKw(.case) {
            advance()
            while !atEOF && kind != .colon {
                let before = i
                let p = parseExpr(.basic)
                if !p.isNone { tree.appendChild(p, to: node) }
                if isKw(.where) {
                    advance()
                    let w = parseExpr(.basic)
                    if !w.isNone { tree.appendChild(w, to: node) }
                }
                if kind == .comma { advance(); continue }
                if i == before {
                    if kind == .rbrace { break }
                    skipSingle()
                    continue
                }
                if kind != .colon { problem("expected : after case pattern"); break }
            }
        } else {
            advance()
        }
        if kind == .colon { advance() }
        let body = tree.addNode(.block, parent: node, start: start, end: start)
        while !atEOF && kind != .rbrace && !atSwitchCaseStart && !atIfConfigBranchEnd {
            if kind == .pound && tok.kw == .if && ifConfigWrapsCases() { break }
            let before = i
            parseStatement(into: body, context: .statements)
            if i == before {
                problem("unexpected token in case body")
                skipSingle()
            }
        }
        finish(body)
        finish(node)
    }

    /// `do { } catch p where c { } catch { }`.
    mutating func parseDo() -> NodeID {
        let s = start
        let node = tree.makeNode(.opaque, detail: d.do, start: s, end: s)
        advance()
        if isKw(.throws) {
            advance()
            if kind == .lparen { skipSingle() }
        }
        parseBlock(into: node)
        while isKw(.catch) {
            tree.addFlags(node, .hasCatch)
            let c = tree.addNode(.opaque, parent: node, detail: d.catch, start: start, end: start)
            advance()
            while !atEOF && kind != .lbrace {
                let before = i
                let p = parseExpr(.condition)
                if !p.isNone { tree.appendChild(p, to: c) }
                if isKw(.where) {
                    advance()
                    let w = parseExpr(.condition)
                    if !w.isNone { tree.appendChild(w, to: c) }
                }
                if kind == .comma { advance(); continue }
                if i == before { skipSingle() }
                if kind != .lbrace { if i == before { continue }; break }
            }
            parseBlock(into: c)
            finish(c)
        }
        finish(node)
        return node
    }

    // MARK: - Conditional compilation

    /// `#if c … #elseif d … #else … #endif`: `opaque` `#if` holding every branch's content.
    mutating func parseIfConfig(into parent: NodeID, context: Context) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.poundIf, start: start, end: start)
        if tooDeep {
            // Skip to the matching `#endif` without recursion.
            tree.addProblem(at: start, "nesting too deep; #if skipped")
            var nesting = 0
            while !atEOF {
                if kind == .pound && tok.kw == .if { nesting += 1 }
                if kind == .pound && tok.kw == .endif {
                    nesting -= 1
                    if nesting == 0 { advance(); break }
                }
                advance()
            }
            finish(node)
            return
        }
        depth += 1
        defer { depth -= 1 }
        while kind == .pound && (tok.kw == .if || tok.kw == .elseif || tok.kw == .else) {
            let isElse = tok.kw == .else
            advance()
            if !isElse { skipPoundIfCondition() }
            while !atEOF && !atIfConfigBranchEnd {
                if kind == .rbrace { break }
                let before = i
                if context == .switchCases {
                    parseSwitchCase(into: node)
                } else {
                    parseStatement(into: node, context: context)
                }
                if i == before {
                    problem("unexpected token in #if")
                    skipSingle()
                }
            }
        }
        if kind == .pound && tok.kw == .endif { advance() } else { problem("expected #endif") }
        finish(node)
    }
}
