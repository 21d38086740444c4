import LightSyntax

extension Parser {
    /// Whether the token can start an operand (used by contextual keywords such as `await`).
    mutating func startsOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .number, .string, .stringOpen, .regex, .lparen, .lbracket, .lbrace,
             .period, .backslash, .pound:
            return true
        case .op:
            // A prefix operator (`!x`, `-1`, `&x`).
            return !t.spaceAfter
        default:
            return false
        }
    }

    /// Whether a token closes what comes before it, so an operator bound to it is postfix.
    mutating func endsOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .rparen, .rbracket, .rbrace, .comma, .colon, .interpClose, .eof: return true
        default: return false
        }
    }

    /// A binary operator in an operator sequence: bound on both sides or on neither.
    mutating func isBinaryOperator(_ t: Token) -> Bool {
        t.kind == .op && t.spaceBefore == t.spaceAfter
    }

    // MARK: - Sequences

    /// Parses an expression (an operator sequence). Returns `.none` when no operand is there.
    mutating func parseExpr(_ flavor: ExprFlavor = .basic) -> NodeID {
        if tooDeep { return startsOperand(tok) ? skipExpression() : .none }
        depth += 1
        defer { depth -= 1 }
        let first = parseUnary(flavor)
        if first.isNone { return .none }
        var seq = NodeID.none
        while true {
            let t = tok
            if flavor == .poundIf && t.atLineStart { break }
            if t.kind == .op && isBinaryOperator(t) {
                // `+=` and friends end the expression: the statement makes an `assignment`.
                if isAssignmentOperator(t) { break }
                // A postfix operator right before a closer: `s[i...]`, `(1...).async`.
                if !t.spaceBefore && !t.spaceAfter && endsOperand(peek()) { advance(); continue }
                // Ternary `c ? a : b`.
                let isTernary = isOp(t, UInt8(ascii: "?"))
                advance()
                if seq.isNone { seq = tree.wrap(first, in: .opaque, detail: isTernary ? d.ternary : d.binary, end: prevEnd) }
                let rhs = parseUnary(flavor)
                if rhs.isNone { problem("expected operand"); break }
                tree.appendChild(rhs, to: seq)
                if isTernary {
                    // The middle operand runs up to `:`, casts included (`c ? x as? T : nil`).
                    while true {
                        if tok.kind == .op && isBinaryOperator(tok) && !isOp(UInt8(ascii: "?")) {
                            advance()
                            let r = parseUnary(.basic)
                            if r.isNone { break }
                            tree.appendChild(r, to: seq)
                            continue
                        }
                        if isCastKeyword(tok) { skipCast(); continue }
                        break
                    }
                    if kind == .colon {
                        advance()
                        let r = parseUnary(flavor)
                        if !r.isNone { tree.appendChild(r, to: seq) }
                    }
                }
                finish(seq)
                continue
            }
            if t.kind == .arrow {
                // A function type used as a value: `(Int) -> Void`.
                advance()
                parseType()
                continue
            }
            if isCastKeyword(t) {
                if flavor == .poundIf && t.atLineStart { break }
                skipCast()
                // A cast makes an operator sequence (as in swift-syntax), so `(x as! T).f()`
                // has a `?` callee like any other sequence.
                if seq.isNone { seq = tree.wrap(first, in: .opaque, detail: d.binary, end: prevEnd) }
                finish(seq)
                continue
            }
            break
        }
        return seq.isNone ? first : seq
    }

    /// Whether the token is the `as` or `is` of a cast.
    func isCastKeyword(_ t: Token) -> Bool {
        t.kind == .identifier && (t.kw == .as || t.kw == .is) && !t.flags.contains(.escaped)
    }

    /// Skips a cast: `as`, `as?`, `as!` or `is`, then its type (types make no nodes).
    mutating func skipCast() {
        let keyword = tok
        advance()
        if keyword.kw == .as, isPostfixMark(tok) || (tok.kind == .op && (isOp(UInt8(ascii: "?")) || isOp(UInt8(ascii: "!")))) {
            advance()
        }
        parseType()
    }

    // MARK: - Prefix forms

    mutating func parseUnary(_ flavor: ExprFlavor) -> NodeID {
        if tooDeep { return startsOperand(tok) ? skipExpression() : .none }
        let t = tok
        let s = Int(t.start)
        if t.kind == .identifier && !t.flags.contains(.escaped) {
            switch t.kw {
            case .try:
                advance()
                var detail = d.try
                if tok.kind == .op && !tok.spaceBefore {
                    if isOp(UInt8(ascii: "?")) { detail = d.tryQ; advance() }
                    else if isOp(UInt8(ascii: "!")) { detail = d.tryBang; advance() }
                }
                let inner = parseUnary(flavor)
                let node = tree.makeNode(.tryExpr, detail: detail, start: s, end: prevEnd)
                if !inner.isNone { tree.appendChild(inner, to: node) }
                return node
            case .await:
                // Always the operator in expression position, as in swift-syntax.
                advance()
                let inner = parseUnary(flavor)
                let node = tree.makeNode(.await, start: s, end: prevEnd)
                if !inner.isNone { tree.appendChild(inner, to: node) }
                return node
            case .unsafe:
                // `unsafe x` makes no node, when what follows reads as its operand
                // (swift-syntax's rule); else `unsafe` is a name.
                if atContextualKeywordPrefixed(acceptClosure: true, preferPostfix: false) {
                    advance()
                    return parseUnary(flavor)
                }
            case .consume, .copy, .each, .borrow:
                // `consume x`, `copy x`, `each x`: `opaque` with the keyword as detail.
                if atContextualKeywordPrefixed(acceptClosure: false, preferPostfix: true) {
                    advance()
                    let inner = parseUnary(flavor)
                    let node = tree.makeNode(.opaque, detail: name(t), start: s, end: prevEnd)
                    if !inner.isNone { tree.appendChild(inner, to: node) }
                    return node
                }
            case .repeat:
                // `repeat each x`: a pack expansion, `opaque` `repeat`.
                let n = peek()
                if !n.atLineStart && n.kind != .lbrace {
                    advance()
                    let inner = parseUnary(flavor)
                    let node = tree.makeNode(.opaque, detail: d.repeat, start: s, end: prevEnd)
                    if !inner.isNone { tree.appendChild(inner, to: node) }
                    return node
                }
            case .any:
                // `any P` used as a type value (`any P.self`), swift-syntax's rule.
                if atContextualKeywordPrefixed(acceptClosure: false, preferPostfix: true) || opText(peek(), "~") {
                    parseType()
                    let node = tree.makeNode(.opaque, detail: d.binary, start: s, end: prevEnd)
                    return parsePostfix(node, flavor)
                }
            case .let, .var:
                // A binding inside a pattern: `case .some(let x)`, `case let (a, b)`.
                advance()
                return parseUnary(flavor)
            case .is:
                // `case is T` in a pattern.
                advance()
                parseType()
                return tree.makeNode(.opaque, detail: d.is, start: s, end: prevEnd)
            default:
                break
            }
        }
        if t.kind == .identifier && !t.flags.contains(.escaped) && (t.kw == .if || t.kw == .switch || (t.kw == .do && peek().kind == .lbrace)) {
            // `if`/`switch`/`do` expressions take no postfix (swift-syntax avoids the
            // ambiguity with a `.member` on the next line).
            return parsePrimary(flavor)
        }
        if t.kind == .op && !t.spaceAfter {
            // A prefix operator: `-x`, `!x`, `&x`, `...x`: `opaque` `prefix` holding the
            // operand (so `(!a[0]).f()` has a `?` callee, as in swift-syntax).
            advance()
            let inner = parseUnary(flavor)
            let node = tree.makeNode(.opaque, detail: d.prefix, start: s, end: prevEnd)
            if !inner.isNone { tree.appendChild(inner, to: node) }
            return node
        }
        let primary = parsePrimary(flavor)
        if primary.isNone { return .none }
        return parsePostfix(primary, flavor)
    }

    // MARK: - Primary expressions

    mutating func parsePrimary(_ flavor: ExprFlavor) -> NodeID {
        let t = tok
        let s = Int(t.start)
        switch t.kind {
        case .identifier:
            if !t.flags.contains(.escaped) {
                switch t.kw {
                case .true, .false, .nil:
                    advance()
                    return tree.makeNode(.literal, start: s, end: prevEnd)
                case .if:
                    return parseIf(asExpression: true)
                case .switch:
                    return parseSwitch()
                case .do where peek().kind == .lbrace:
                    return parseDo()
                case .func, .class, .struct, .enum, .protocol, .extension, .import, .typealias,
                     .associatedtype, .let, .var, .return, .throw, .for, .while, .guard, .defer, .break,
                     .continue, .fallthrough, .case, .default, .else, .in, .where, .catch, .deinit,
                     .subscript, .operator, .precedencegroup, .static, .as, .repeat:
                    // Reserved words never name a value: stop here so that recovery finds the
                    // statement or declaration they start.
                    return .none
                default:
                    break
                }
            }
            advance()
            var nameTok = t
            if skipModuleSelector() { nameTok = tok; advance() }
            let node = tree.makeNode(.name, name: name(nameTok), start: s, end: prevEnd)
            skipCompoundNameArguments()
            // Generic arguments after a name, whatever the spacing (swift-syntax decides by
            // lookahead alone: `f(a < b, c > (d))` calls `a<b, c>`).
            if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
            return node
        case .number:
            advance()
            return tree.makeNode(.literal, start: s, end: prevEnd)
        case .regex:
            advance()
            return tree.makeNode(.literal, start: s, end: prevEnd)
        case .string:
            advance()
            return tree.makeNode(.stringLiteral, name: name(t), start: s, end: prevEnd)
        case .stringOpen:
            return parseInterpolatedString()
        case .lparen:
            return parseParenthesized()
        case .lbracket:
            return parseCollection()
        case .lbrace:
            return parseClosure()
        case .period:
            // Implicit member `.foo`.
            let n = peek()
            if n.kind == .identifier || n.kind == .number {
                advance()
                advance()
                let node = tree.makeNode(.member, flags: .implicitBase, name: name(n), start: s, end: prevEnd)
                skipCompoundNameArguments()
                if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
                return node
            }
            return .none
        case .pound:
            if t.kw == .if || t.kw == .else || t.kw == .elseif || t.kw == .endif { return .none }
            return parseMacroExpansion()
        case .backslash:
            return parseKeyPath()
        case .op:
            // An operator as a value: `reduce(0, +)`.
            let n = peek()
            if n.kind == .comma || n.kind == .rparen || n.kind == .rbracket {
                advance()
                return tree.makeNode(.name, name: name(t), start: s, end: prevEnd)
            }
            return .none
        case .at:
            // An attributed type used as a value: `(@convention(c) (T) -> U).self`.
            guard peek().kind == .identifier else { return .none }
            parseType()
            return tree.makeNode(.opaque, detail: d.binary, start: s, end: prevEnd)
        default:
            return .none
        }
    }

    /// swift-syntax's test for a contextual keyword used as a prefix (`unsafe x`, `consume x`)
    /// rather than as a name (`unsafe(x)`, `copy.x`): it depends on the next token only.
    mutating func atContextualKeywordPrefixed(acceptClosure: Bool, preferPostfix: Bool) -> Bool {
        let t = tok
        let n = peek()
        if n.atLineStart { return false }
        switch n.kind {
        case .identifier:
            if n.flags.contains(.escaped) { return true }
            switch n.kw {
            case .Self, .self, .super, .`init`, .true, .false, .nil, .repeat, .try, .if, .switch:
                return true
            case .as, .associatedtype, .break, .case, .catch, .class, .continue, .default, .defer, .deinit,
                 .do, .else, .enum, .extension, .fallthrough, .fileprivate, .for, .func, .guard, .import, .in,
                 .inout, .internal, .is, .let, .operator, .precedencegroup, .private, .protocol, .public,
                 .rethrows, .return, .static, .struct, .subscript, .throw, .throws, .typealias, .var,
                 .where, .while:
                return false
            default:
                return true
            }
        case .number, .string, .stringOpen, .regex, .at, .backslash, .pound:
            return true
        case .op:
            // A prefix operator (bound to what follows, not to the keyword).
            return !n.spaceAfter && n.spaceBefore
        case .period, .lparen, .lbracket:
            if preferPostfix { return false }
            return n.start > t.end
        case .lbrace:
            return acceptClosure
        default:
            return false
        }
    }

    /// Whether a declaration starts at token `j`, for recovery from an unclosed bracket: a line
    /// that starts one ends the list. Attributes, then what `isDeclarationStart` takes for a
    /// declaration, but not what also starts valid code inside brackets: a label (`func: x`), a
    /// binding pattern (`case (let a,⏎ let b)`), an attributed type (`@Sendable () -> Void`).
    /// At most 16 attributes are read: this runs at every line start in a list, and reading all
    /// of `@a⏎ @a⏎ …` from each of its lines would be quadratic.
    mutating func startsDeclaration(at j0: Int) -> Bool {
        var j = j0
        var attributed = false
        var attributes = 0
        while tk(j).kind == .at {
            attributes += 1
            guard attributes <= 16, tk(j + 1).kind == .identifier else { return false }
            j += 2
            while tk(j).kind == .period && !tk(j).spaceBefore && tk(j + 1).kind == .identifier { j += 2 }
            if tk(j).kind == .lparen && !tk(j).spaceBefore && !tk(j).atLineStart { j = after(j) }
            attributed = true
        }
        let t = tk(j)
        guard t.kind == .identifier && !t.flags.contains(.escaped) && tk(j + 1).kind != .colon else { return false }
        switch t.kw {
        case .func, .`init`, .deinit, .subscript, .class, .struct, .enum, .actor, .protocol, .extension,
             .import, .typealias, .associatedtype:
            return isDeclarationStart(j, context: .statements)
        case .let, .var:
            // A pattern binds a name without a type or a value.
            let name = tk(j + 1), next = tk(j + 2)
            return attributed || (name.kind == .identifier && !name.atLineStart && (next.kind == .equal || next.kind == .colon))
        default:
            return Parser.isModifier(t.kw) && isDeclarationStart(j, context: .statements)
        }
    }

    /// `Module::name` (a module selector): at the `::` after the module name, skips it and
    /// leaves the real name as the current token.
    mutating func skipModuleSelector() -> Bool {
        guard kind == .colon, peek().kind == .colon, !tok.spaceBefore, !peek().spaceBefore,
              peek(2).kind == .identifier else { return false }
        advance(); advance()
        return true
    }

    /// `foo(_:bar:)`: a compound name is a reference, not a call.
    mutating func skipCompoundNameArguments() {
        guard kind == .lparen && !tok.atLineStart else { return }
        var j = i + 1
        var sawLabel = false
        while true {
            let t = tk(j)
            if t.kind == .rparen { break }
            guard t.kind == .identifier, tk(j + 1).kind == .colon else { return }
            sawLabel = true
            j += 2
        }
        if sawLabel { i = j + 1 }
    }

    mutating func parseInterpolatedString() -> NodeID {
        let s = start
        let node = tree.makeNode(.stringLiteral, flags: .interpolated, start: s, end: s)
        advance()  // stringOpen
        while kind == .interpOpen {
            let close = Int(match[i])
            if tooDeep {
                tree.addProblem(at: start, "interpolation nested too deep; skipped")
                skipSingle()
            } else {
                depth += 1
                advance()
                parseArguments(into: node, closer: .interpClose, bare: true)
                if kind == .interpClose { advance() } else if close > i { i = min(close + 1, toks.count - 1) }
                depth -= 1
            }
            if kind == .stringClose { advance(); break }
        }
        finish(node)
        return node
    }

    /// `( … )`: a parenthesised expression makes no node; a tuple is `opaque` `tuple`.
    mutating func parseParenthesized() -> NodeID {
        let s = start
        let close = Int(match[i])
        // A single unlabelled element is just that expression.
        let tuple = tree.makeNode(.opaque, detail: d.tuple, start: s, end: s)
        advance()
        if tooDeep {
            tree.addProblem(at: s, "nesting too deep; parenthesised expression skipped")
            i = min(max(close, i), toks.count - 1)
            if kind == .rparen { advance() }
            finish(tuple)
            return tuple
        }
        depth += 1
        let count = parseArguments(into: tuple, closer: .rparen, bare: true)
        depth -= 1
        if kind == .rparen { advance() } else { problem("expected )") }
        finish(tuple)
        let only = tree[tuple].firstChild
        if count.elements == 1 && !count.labelled && !only.isNone && tree[only].nextSibling.isNone {
            tree.removeAllChildren(tuple)
            tree[only].parent = .none
            // The tuple node stays in the array as an unreachable detached node.
            tree[tuple].kind = .opaque
            parenNode = only
            parenStart = s
            return only
        }
        return tuple
    }

    /// `[a, b]` / `[k: v]` / `[:]`.
    mutating func parseCollection() -> NodeID {
        let s = start
        let node = tree.makeNode(.opaque, detail: d.list, start: s, end: s)
        advance()
        if tooDeep {
            tree.addProblem(at: s, "nesting too deep; collection skipped")
            let close = Int(match[i - 1])
            i = min(max(close, i), toks.count - 1)
            if kind == .rbracket { advance() }
            finish(node)
            return node
        }
        depth += 1
        defer { depth -= 1 }
        if kind == .colon && peek().kind == .rbracket {
            advance(); advance()
            tree[node].detail = d.dict
            finish(node)
            return node
        }
        while !atEOF && kind != .rbracket {
            let before = i
            if kind == .pound && tok.kw == .if {
                parseIfConfig(into: node, context: .statements)
                continue
            }
            if tok.atLineStart && startsDeclaration(at: i) { problem("unclosed collection"); break }
            let e = parseExpr()
            if !e.isNone { tree.appendChild(e, to: node) }
            if kind == .colon {
                tree[node].detail = d.dict
                advance()
                let v = parseExpr()
                if !v.isNone { tree.appendChild(v, to: node) }
            }
            if kind == .comma { advance(); continue }
            if kind == .rbracket { break }
            if tok.atLineStart && startsDeclaration(at: i) { problem("unclosed collection"); break }
            if i == before || !(kind == .rbracket) {
                problem("unexpected token in collection")
                if kind == .rbrace || kind == .rparen || atEOF { break }
                skipSingle()
            }
        }
        if kind == .rbracket { advance() }
        finish(node)
        return node
    }

    struct ArgumentCount { var elements = 0; var labelled = false }

    /// Parses `label: value` elements separated by commas up to `closer` (not consumed).
    /// `bare`: values are attached directly (tuples, interpolations) instead of as `argument`s.
    @discardableResult
    mutating func parseArguments(into parent: NodeID, closer: TokenKind, bare: Bool = false) -> ArgumentCount {
        var count = ArgumentCount()
        while !atEOF && kind != closer {
            let before = i
            let s = start
            var label = Symbol.none
            if kind == .identifier && peek().kind == .colon && peek(2).kind != .colon {
                label = name(tok)
                advance(); advance()
                count.labelled = true
            } else if kind == .pound && tok.kw == .if {
                // `#if` around arguments (allowed in argument lists since Swift 5.x for some
                // forms); parse every branch.
                parseIfConfig(into: parent, context: .statements)
                continue
            } else if tok.atLineStart && startsDeclaration(at: i) {
                // Recovery: a declaration at the start of a line ends an unclosed list.
                problem("unclosed argument list")
                break
            }
            var value = parseExpr()
            if !value.isNone && (kind == .equal || isAssignmentOperator(tok)) {
                // An assignment as an argument: `XCTAssertNoThrow(x = try f())`.
                advance()
                let rhs = parseExpr()
                value = tree.wrap(value, in: .assignment, end: prevEnd)
                if !rhs.isNone { tree.appendChild(rhs, to: value) }
                finish(value)
            }
            if value.isNone && label.isNone {
                // Nothing here (recovery): no empty argument node.
                if kind == .comma { advance(); continue }
                if kind == closer { break }
                problem("unexpected token in argument list")
                if kind == .rbrace || kind == .rparen || kind == .rbracket || kind == .interpClose || atEOF
                    || (tok.atLineStart && startsDeclaration(at: i)) {
                    if kind == .rparen || kind == .rbracket { advance(); continue }
                    break
                }
                skipSingle()
                continue
            }
            count.elements += 1
            if bare {
                if !value.isNone { tree.appendChild(value, to: parent) }
            } else {
                let arg = tree.addNode(.argument, parent: parent, name: label, start: s, end: max(s, prevEnd))
                if !value.isNone { tree.appendChild(value, to: arg) }
            }
            if kind == .comma { advance(); continue }
            if kind == closer { break }
            if tok.atLineStart && startsDeclaration(at: i) {
                // Recovery: a declaration at the start of a line ends an unclosed list.
                problem("unclosed argument list")
                break
            }
            if i == before || kind != closer {
                problem("unexpected token in argument list")
                if kind == .rbrace || kind == .rparen || kind == .rbracket || kind == .interpClose || atEOF {
                    if kind == closer { break }
                    // A stray closer of another kind: stop here; the caller recovers.
                    if kind == .rbrace || kind == .interpClose || atEOF { break }
                    advance()
                    continue
                }
                skipSingle()
            }
        }
        return count
    }

    // MARK: - Postfix forms

    mutating func parsePostfix(_ base: NodeID, _ flavor: ExprFlavor) -> NodeID {
        var expr = base
        let fromParen = base == parenNode ? parenStart : -1
        defer {
            if fromParen >= 0 && expr != base { setStartOfChain(expr, base: base, to: fromParen) }
        }
        while i >= 0 {
            let t = tok
            if flavor == .poundIf && t.atLineStart { break }
            switch t.kind {
            case .period:
                var n = peek()
                if n.kind == .identifier || n.kind == .number {
                    advance(); advance()
                    if n.kind == .identifier && skipModuleSelector() { n = tok; advance() }
                    expr = tree.wrap(expr, in: .member, name: name(n), end: prevEnd)
                    skipCompoundNameArguments()
                    if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
                    continue
                }
                if n.kind == .pound {
                    // `.#macro` member: keep the base.
                    advance(); advance()
                    continue
                }
                return expr
            case .lparen where !t.atLineStart:
                expr = parseCall(expr, flavor)
                continue
            case .lbracket where !t.atLineStart:
                let s = Int(tree[expr].start)
                let sub = tree.wrap(expr, in: .subscript, end: s)
                advance()
                parseArguments(into: sub, closer: .rbracket)
                if kind == .rbracket { advance() }
                finish(sub)
                expr = sub
                if flavor == .basic && kind == .lbrace && isValidTrailingClosure(flavor) {
                    // A subscript's trailing closure is one of its arguments (swift-syntax's
                    // SubscriptCallExpr), not a call.
                    parseTrailingClosures(into: expr)
                }
                continue
            case .lbrace:
                if isLiteral(expr) || !isValidTrailingClosure(flavor) { return expr }
                let call = tree.wrap(expr, in: .call, end: prevEnd)
                parseTrailingClosures(into: call)
                expr = call
                if kind == .lbrace { return expr }
                continue
            case .op:
                if isPostfixMark(t) {
                    advance()
                    continue
                }
                if !t.spaceBefore && isOp(UInt8(ascii: "<")) || (!t.spaceBefore && src[Int(t.start)] == UInt8(ascii: "<") && opText(t, "<")) {
                    if skipGenericArgumentsIfAny() { continue }
                    return expr
                }
                if !t.spaceBefore && t.spaceAfter && !isBinaryOperator(t) {
                    // A postfix operator (`x++`, `x...`): no node.
                    advance()
                    continue
                }
                return expr
            case .pound where t.kw == .if:
                if let e = parsePostfixIfConfig(expr, flavor) { expr = e; continue }
                return expr
            default:
                return expr
            }
        }
        return expr
    }

    /// Moves the start of every postfix node built on `base` to `offset` (the `(` of a
    /// parenthesised base).
    mutating func setStartOfChain(_ top: NodeID, base: NodeID, to offset: Int) {
        var n = top
        var guardCount = 0
        while n != base && !n.isNone && guardCount < 100_000 {
            tree.setStart(n, offset)
            n = tree[n].firstChild
            guardCount += 1
        }
    }

    mutating func isLiteral(_ id: NodeID) -> Bool {
        switch tree[id].kind {
        case .literal, .stringLiteral: return true
        case .opaque: return tree[id].detail == d.list || tree[id].detail == d.dict
        default: return false
        }
    }

    /// `callee( … )` with any trailing closures.
    mutating func parseCall(_ callee: NodeID, _ flavor: ExprFlavor) -> NodeID {
        let call = tree.wrap(callee, in: .call, end: prevEnd)
        advance()
        if tooDeep {
            let close = Int(match[i - 1])
            i = min(max(close, i), toks.count - 1)
            tree.addProblem(at: start, "nesting too deep; arguments skipped")
        } else {
            depth += 1
            parseArguments(into: call, closer: .rparen)
            depth -= 1
        }
        if kind == .rparen { advance() } else { problem("expected )") }
        finish(call)
        if flavor == .basic && kind == .lbrace && isValidTrailingClosure(flavor) {
            parseTrailingClosures(into: call)
        }
        return call
    }

    /// The first trailing closure (no label), then `label: { … }` ones.
    mutating func parseTrailingClosures(into call: NodeID) {
        var s = start
        let arg = tree.addNode(.argument, parent: call, flags: .trailingClosure, start: s, end: s)
        let c = parseClosure()
        tree.appendChild(c, to: arg)
        finish(arg)
        while (kind == .identifier) && peek().kind == .colon && peek(2).kind == .lbrace
                && !(tok.kw == .default && !tok.flags.contains(.escaped)) {
            s = start
            let label = name(tok)
            advance(); advance()
            let a = tree.addNode(.argument, parent: call, flags: .trailingClosure, name: label, start: s, end: s)
            let c2 = parseClosure()
            tree.appendChild(c2, to: a)
            finish(a)
        }
        finish(call)
    }

    /// Whether the `{` at the current token starts a trailing closure (swift-syntax's rules).
    mutating func isValidTrailingClosure(_ flavor: ExprFlavor) -> Bool {
        let n = peek()
        if n.kind == .identifier && (n.kw == .didSet || n.kw == .willSet || n.kw == .`init`) && !n.flags.contains(.escaped) {
            return false
        }
        if n.kind == .identifier && n.kw == .case { return false }
        if n.kind == .at {
            // `{ @attr get … }` is an accessor block.
            var j = i + 1
            while tk(j).kind == .at {
                j += 2
                if tk(j).kind == .lparen && !tk(j).spaceBefore { j = after(j) }
            }
            let k = kwAt(j)
            if k == .get || k == .set || k == ._read || k == ._modify || k == .didSet || k == .willSet { return false }
        }
        switch flavor {
        case .basic, .poundIf:
            return true
        case .condition:
            if n.atLineStart { return false }
            let close = Int(match[i])
            if close < 0 || tk(close).kind != .rbrace { return false }
            let f = tk(close + 1)
            switch f.kind {
            case .lbrace, .comma:
                return true
            case .identifier where f.kw == .where:
                return true
            case .lbracket, .lparen, .period, .colon, .equal, .op:
                return !f.atLineStart
            case .identifier where f.kw == .is || f.kw == .as:
                return !f.atLineStart
            default:
                return false
            }
        }
    }

    /// If a generic argument list `<…>` follows (swift-syntax's lookahead), skips it.
    @discardableResult
    mutating func skipGenericArgumentsIfAny() -> Bool {
        guard canParseGenericArguments() else { return false }
        parseGenericArguments()
        return true
    }

    /// Lookahead: `<` types `>` followed by a token that disambiguates a generic argument list.
    mutating func canParseGenericArguments() -> Bool {
        guard tk(i).kind == .op, src[Int(tk(i).start)] == UInt8(ascii: "<") else { return false }
        var j = i
        var angle = 0
        // Real generic argument lists are short; the budget keeps `a<b<c<…` linear.
        var budget = 256
        while budget > 0 {
            budget -= 1
            let t = tk(j)
            switch t.kind {
            case .op:
                var k = Int(t.start)
                while k < Int(t.end) {
                    let c = src[k]
                    if c == UInt8(ascii: "<") { angle += 1 }
                    else if c == UInt8(ascii: ">") {
                        angle -= 1
                        if angle == 0 {
                            // The rest of the token must be `?`/`!` (postfix on the type) …
                            var r = k + 1
                            while r < Int(t.end) && (src[r] == UInt8(ascii: "?") || src[r] == UInt8(ascii: "!")) { r += 1 }
                            if r < Int(t.end) {
                                // `>=`, `>>` etc.: only the bare-closer cases are accepted.
                                return false
                            }
                            if k + 1 < Int(t.end) { return true }  // `>?` / `>!`
                            return isGenericDisambiguator(tk(j + 1))
                        }
                    } else if c == UInt8(ascii: "?") || c == UInt8(ascii: "!") || c == UInt8(ascii: "&")
                                || c == UInt8(ascii: "~") {
                        // optional, composition, suppression
                    } else if c == UInt8(ascii: "-") && t.end - t.start == 1 {
                        // negative integer generic argument
                    } else if c == UInt8(ascii: ".") {
                        // `...` pack expansion / variadic
                    } else {
                        return false
                    }
                    k += 1
                }
                j += 1
            case .identifier, .period, .comma, .arrow, .number, .at, .colon:
                if t.kind == .identifier && !t.flags.contains(.escaped) {
                    switch t.kw {
                    case .is, .as, .in, .return, .if, .else, .switch, .case, .let, .var, .try, .await, .where:
                        return false
                    default: break
                    }
                }
                j += 1
            case .lparen, .lbracket:
                j = after(j)
            default:
                return false
            }
            if angle <= 0 { return false }
        }
        return false
    }

    mutating func isGenericDisambiguator(_ t: Token) -> Bool {
        switch t.kind {
        case .rparen, .rbracket, .lbrace, .rbrace, .period, .comma, .semicolon, .eof, .colon, .interpClose:
            return true
        case .op:
            if isPostfixMark(t) { return true }
            return opText(t, "&") && isBinaryOperator(t)
        case .lparen, .lbracket:
            return !t.atLineStart
        default:
            return false
        }
    }

    // MARK: - Closures

    mutating func parseClosure() -> NodeID {
        let s = start
        let node = tree.makeNode(.closure, start: s, end: s)
        tree.setAnchor(node, s)
        if tooDeep {
            tree.addProblem(at: s, "nesting too deep; closure skipped")
            skipSingle()
            finish(node)
            return node
        }
        depth += 1
        defer { depth -= 1 }
        let close = Int(match[i])
        advance()  // {
        var bodyStart = s
        if hasClosureSignature() {
            parseClosureSignature(node)
            // The body starts after `in`, so that the children stay in source order.
            bodyStart = max(s, prevEnd)
        }
        let b = tree.addNode(.block, parent: node, start: bodyStart, end: bodyStart)
        parseStatements(into: b, until: .rbrace, context: .statements)
        if kind == .rbrace { advance() } else {
            problem("expected } to close the closure")
            if close > i { i = min(close + 1, toks.count - 1) }
        }
        finish(b)
        finish(node)
        return node
    }

    /// Lookahead for `[captures] (params) async throws -> T in` / `a, b in`.
    mutating func hasClosureSignature() -> Bool {
        var j = i
        while tk(j).kind == .at {
            j += 2
            if tk(j).kind == .lparen && !tk(j).spaceBefore { j = after(j) }
        }
        if tk(j).kind == .lbracket { j = after(j) }
        if tk(j).kind == .identifier && tk(j).kw == .in && !tk(j).flags.contains(.escaped) { return true }
        if tk(j).kind == .lparen {
            j = after(j)
        } else if tk(j).kind == .identifier {
            while tk(j).kind == .identifier {
                let t = tk(j)
                if t.kw == .in && !t.flags.contains(.escaped) { return true }
                if !t.flags.contains(.escaped) && Parser.isStatementKeyword(t.kw) { return false }
                j += 1
                if tk(j).kind == .colon { return false }
                if tk(j).kind == .comma { j += 1 } else { break }
            }
        } else {
            return false
        }
        // Effects, then `in` or a result type and `in`.
        while tk(j).kind == .identifier && !tk(j).flags.contains(.escaped)
                && (tk(j).kw == .async || tk(j).kw == .throws || tk(j).kw == .rethrows) {
            j += 1
            if tk(j).kind == .lparen && !tk(j).atLineStart { j = after(j) }
        }
        if isPlainKw(tk(j), .in) { return true }
        guard tk(j).kind == .arrow else { return false }
        var budget = 512
        while budget > 0 {
            budget -= 1
            let t = tk(j)
            switch t.kind {
            case .identifier:
                if t.kw == .in && !t.flags.contains(.escaped) { return true }
                switch t.kw {
                case .let, .var, .return, .if, .guard, .for, .while, .switch, .func, .try, .await, .case:
                    if !t.flags.contains(.escaped) { return false }
                default: break
                }
                j += 1
            case .arrow, .period, .comma, .colon, .op, .at, .number:
                j += 1
            case .lparen, .lbracket:
                j = after(j)
            default:
                return false
            }
        }
        return false
    }

    static func isStatementKeyword(_ k: Keyword) -> Bool {
        switch k {
        case .for, .if, .let, .var, .return, .while, .switch, .guard, .try, .await, .case, .do, .repeat,
             .defer, .throw, .func, .break, .continue, .fallthrough, .else, .where, .is, .as, .import,
             .class, .struct, .enum, .protocol, .extension, .typealias, .subscript, .deinit, .true,
             .false, .nil:
            return true
        default:
            return false
        }
    }

    mutating func parseClosureSignature(_ node: NodeID) {
        while kind == .at {
            advance()
            if kind == .identifier { advance() }
            if kind == .lparen && !tok.spaceBefore { skipSingle() }
        }
        if kind == .lbracket {
            let s = start
            let cap = tree.addNode(.opaque, parent: node, detail: d.captureList, start: s, end: s)
            advance()
            while !atEOF && kind != .rbracket {
                let before = i
                // `weak`, `unowned`, `unowned(safe)` specifiers.
                while kind == .identifier && (tok.kw == .weak || tok.kw == .unowned) && peek().kind != .comma
                        && peek().kind != .rbracket && peek().kind != .equal {
                    advance()
                    if kind == .lparen { skipSingle() }
                }
                let e = parseExpr()
                if !e.isNone { tree.appendChild(e, to: cap) }
                if kind == .equal {
                    advance()
                    let v = parseExpr()
                    if !v.isNone { tree.appendChild(v, to: cap) }
                }
                if kind == .comma { advance(); continue }
                if i == before { skipSingle() }
                if kind != .rbracket && kind != .comma && i == before { break }
            }
            if kind == .rbracket { advance() }
            finish(cap)
        }
        if kind == .lparen {
            parseParameterList(into: node, closure: true)
        } else {
            while kind == .identifier && !(tok.kw == .in && !tok.flags.contains(.escaped)) {
                let s = start
                tree.addNode(.parameter, parent: node, name: name(tok), start: s, end: Int(tok.end))
                advance()
                if kind == .comma { advance() } else { break }
            }
        }
        parseEffects(node)
        if kind == .arrow {
            advance()
            let (a, b) = parseType()
            addTypeAnnotation(node, a, b)
        }
        // Up to `in` (recovering over anything unexpected).
        while !atEOF && !(kind == .identifier && tok.kw == .in && !tok.flags.contains(.escaped)) && kind != .rbrace {
            skipSingle()
        }
        if kind == .identifier { advance() }
    }

    /// `async`, `throws`, `rethrows`, `throws(E)`, `reasync` in any order.
    mutating func parseEffects(_ node: NodeID) {
        while kind == .identifier && !tok.flags.contains(.escaped) {
            switch tok.kw {
            case .async, .reasync:
                tree.addFlags(node, .isAsync)
                advance()
            case .throws, .rethrows:
                tree.addFlags(node, .throws)
                advance()
                if kind == .lparen && !tok.atLineStart { skipSingle() }
            case .await:
                // `await` misplaced for `async`: recover as swift-syntax does.
                tree.addFlags(node, .isAsync)
                advance()
            default:
                return
            }
        }
    }

    // MARK: - Macros, key paths, postfix #if

    /// `#name<T>(args) { trailing }`: an `opaque` `macro` (not a call, as in swift-syntax).
    mutating func parseMacroExpansion() -> NodeID {
        let s = start
        let node = tree.makeNode(.opaque, name: name(tok), detail: d.macro, start: s, end: Int(tok.end))
        advance()
        if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
        if kind == .lparen && !tok.atLineStart {
            advance()
            if !tooDeep {
                depth += 1
                parseArguments(into: node, closer: .rparen)
                depth -= 1
            } else {
                i = min(max(Int(match[i - 1]), i), toks.count - 1)
            }
            if kind == .rparen { advance() }
        }
        if kind == .lbrace && isValidTrailingClosure(.basic) {
            parseTrailingClosures(into: node)
        }
        finish(node)
        return node
    }

    /// `\Root.path.to[0]?.x`: `opaque` `keyPath` holding subscript arguments.
    mutating func parseKeyPath() -> NodeID {
        let s = start
        let node = tree.makeNode(.opaque, detail: d.keyPath, start: s, end: s)
        advance()
        // Root type.
        if kind == .identifier && !tok.spaceBefore {
            advance()
            if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
        } else if kind == .lparen && !tok.spaceBefore {
            // `\(Foo).bar` — a parenthesised root.
            skipSingle()
        } else if kind == .lbracket && !tok.spaceBefore {
            // `\[Int].count`
            skipSingle()
        }
        while true {
            if kind == .period && !tok.spaceBefore {
                let n = peek()
                if n.kind == .identifier || n.kind == .number {
                    advance(); advance()
                    if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { skipGenericArgumentsIfAny() }
                    continue
                }
                if n.kind == .lbracket || isPostfixMark(n) || n.kind == .op && !n.spaceBefore {
                    advance()
                    continue
                }
                break
            }
            if kind == .op && !tok.spaceBefore && (isPostfixMark(tok) || opText(tok, "?") || opText(tok, "!")) {
                advance()
                continue
            }
            if kind == .lbracket && !tok.spaceBefore {
                advance()
                parseArguments(into: node, closer: .rbracket)
                if kind == .rbracket { advance() }
                continue
            }
            if kind == .lparen && !tok.spaceBefore && !tok.atLineStart {
                // A method component `\.foo(x)`: its arguments.
                advance()
                parseArguments(into: node, closer: .rparen)
                if kind == .rparen { advance() }
                continue
            }
            break
        }
        finish(node)
        return node
    }

    /// `base` followed by `#if cond .member… #else … #endif`: `opaque` `#if` holding the base,
    /// then each branch's postfix chain (built on an implicit base, as swift-syntax does).
    mutating func parsePostfixIfConfig(_ base: NodeID, _ flavor: ExprFlavor) -> NodeID? {
        if tooDeep { return nil }
        depth += 1
        defer { depth -= 1 }
        // Only when the first branch starts with `.member`.
        var j = i + 1
        while tk(j).kind != .eof && !tk(j).atLineStart { j = after(j) }
        guard tk(j).kind == .period || (tk(j).kind == .pound && (tk(j).kw == .endif || tk(j).kw == .else || tk(j).kw == .elseif)) else { return nil }
        let node = tree.wrap(base, in: .opaque, detail: d.poundIf, end: prevEnd)
        while kind == .pound && (tok.kw == .if || tok.kw == .elseif || tok.kw == .else) {
            let wasElse = tok.kw == .else
            advance()
            if !wasElse { skipPoundIfCondition() }
            while kind == .period || (kind == .pound && tok.kw == .if) {
                let before = i
                if kind == .pound {
                    // nested postfix #if inside a branch: parse it on a synthetic base.
                    let e = parseExpr()
                    if !e.isNone { tree.appendChild(e, to: node) }
                } else {
                    let m = parsePrimary(.basic)
                    if m.isNone { break }
                    let e = parsePostfix(m, flavor == .condition ? .condition : .basic)
                    tree.appendChild(e, to: node)
                }
                if i == before { break }
            }
        }
        if kind == .pound && tok.kw == .endif { advance() }
        finish(node)
        return node
    }

    /// Skips a `#if`/`#elseif` condition: up to the end of the line (continued by a trailing
    /// binary operator or an open bracket).
    mutating func skipPoundIfCondition() {
        var first = true
        while !atEOF {
            if !first && tok.atLineStart {
                let prev = tk(i - 1)
                if !(prev.kind == .op && isBinaryOperator(prev)) && !(tok.kind == .op && isBinaryOperator(tok)) { break }
            }
            first = false
            skipSingle()
        }
    }
}
