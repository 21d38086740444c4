import LightSyntax

/// Expressions, following the precedence levels of CPython's grammar. Every function returns a
/// detached node; the caller attaches it.
extension PythonTreeBuilder {
    /// Binary operator precedence levels (higher binds tighter). `not` sits between `and` and
    /// the comparisons.
    enum Precedence {
        static let or = 1, and = 2, not = 3, comparison = 4, bitOr = 5, bitXor = 6, bitAnd = 7
        static let shift = 8, arithmetic = 9, term = 10
    }

    // MARK: Lists of expressions

    /// `star_expressions`: a tuple when there are commas.
    mutating func parseStarExpressions() -> NodeID {
        let first = parseStarredOrNamed()
        guard at(.comma) else { return first }
        let tuple = make(.opaque, detail: details.tuple, start: startOffset(of: first), end: prevEnd)
        attach(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            attach(parseStarredOrNamed(), to: tuple)
        }
        setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseStarExpressionsOrYield() -> NodeID {
        atKeyword(.yield) ? parseYield() : parseStarExpressions()
    }

    /// Assignment and loop targets: like expressions, but stopping before `in`.
    mutating func parseTargetList() -> NodeID {
        let first = parseStarTarget()
        guard at(.comma) else { return first }
        let tuple = make(.opaque, detail: details.tuple, start: startOffset(of: first), end: prevEnd)
        attach(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            attach(parseStarTarget(), to: tuple)
        }
        setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseStarTarget() -> NodeID {
        at(.star) ? parseStarred() : parseBinary(Precedence.bitOr)
    }

    /// `*e` as an opaque `star`.
    mutating func parseStarred() -> NodeID {
        let start = tok.startOffset
        advance()
        let value = parseBinary(Precedence.bitOr)
        let node = make(.opaque, detail: details.star, start: start, end: prevEnd)
        attach(value, to: node)
        return node
    }

    mutating func parseStarredOrNamed() -> NodeID {
        at(.star) ? parseStarred() : parseNamedExpression()
    }

    @inline(never) mutating func parseYield() -> NodeID {
        let start = tok.startOffset
        advance()
        if eatKeyword(.from) {
            let value = parseExpression()
            let node = make(.opaque, detail: details.yieldFrom, start: start, end: prevEnd)
            attach(value, to: node)
            return node
        }
        let node = make(.opaque, detail: details.yield, start: start, end: prevEnd)
        if canStartExpression() { attach(parseStarExpressions(), to: node) }
        setEnd(node, prevEnd)
        return node
    }

    // MARK: Single expressions

    /// `name := value` or an expression.
    mutating func parseNamedExpression() -> NodeID {
        if at(.name) && peek(1).kind == .colonEqual && !tok.keyword.isHard {
            let t = tok
            advance()
            advance()
            let value = parseExpression()
            let node = make(.binding, name: intern(t), detail: details.walrus, start: t.startOffset, end: prevEnd)
            attach(value, to: node)
            return node
        }
        return parseExpression()
    }

    /// `expression`: a lambda, or a disjunction with an optional `if … else …`.
    mutating func parseExpression() -> NodeID {
        if depth >= Self.maxDepth { return skipNested() }
        // A lone name or number before a token no level of the chain below continues with
        // (most arguments, subscripts, values): the node the chain would make, made at once.
        let t = tokens[cursor]
        if t.kind == .name || t.kind == .number, endsLoneAtom(peek(1).kind) {
            switch t.keyword {
            case .none, .match, .case, .type:
                advance()
                return make(t.kind == .name ? .name : .literal, name: t.kind == .name ? intern(t) : .none,
                            start: t.startOffset, end: t.endOffset)
            case .trueValue, .falseValue, .noneValue:
                advance()
                return make(.literal, start: t.startOffset, end: t.endOffset)
            default:
                break
            }
        }
        depth += 1
        defer { depth -= 1 }
        if atKeyword(.lambda) { return parseLambda() }
        let body = parseBinary(Precedence.or)
        guard atKeyword(.if) else { return body }
        advance()
        let node = make(.opaque, detail: details.ternary, start: startOffset(of: body), end: prevEnd)
        attach(body, to: node)
        attach(parseBinary(Precedence.or), to: node)
        if eatKeyword(.else) {
            attach(parseExpression(), to: node)
        } else {
            problem("expected 'else'")
        }
        setEnd(node, prevEnd)
        return node
    }

    /// Tokens after which an atom takes no trailer, operator or `if … else`.
    @inline(__always) func endsLoneAtom(_ kind: TokenKind) -> Bool {
        switch kind {
        case .comma, .rpar, .rsqb, .rbrace, .colon, .newline, .equal, .semi: return true
        default: return false
        }
    }

    @inline(never) mutating func parseLambda() -> NodeID {
        let start = tok.startOffset
        advance()
        let closure = make(.closure, detail: details.lambda, start: start, end: prevEnd)
        parseParameters(into: closure, closer: .colon, annotated: false)
        expect(.colon, "':'")
        attach(parseExpression(), to: closure)
        setEnd(closure, prevEnd)
        return closure
    }

    /// The operator at the current token: its precedence and how many tokens it spans
    /// (`not in`, `is not`), or precedence 0.
    mutating func binaryOperator() -> (precedence: Int, width: Int) {
        let t = tok
        switch t.kind {
        case .name:
            switch t.keyword {
            case .or: return (Precedence.or, 1)
            case .and: return (Precedence.and, 1)
            case .in: return (Precedence.comparison, 1)
            case .is: return (Precedence.comparison, peek(1).keyword == .not && peek(1).kind == .name ? 2 : 1)
            case .not: return peek(1).keyword == .in && peek(1).kind == .name ? (Precedence.comparison, 2) : (0, 0)
            default: return (0, 0)
            }
        case .less, .greater, .lessEqual, .greaterEqual, .equalEqual, .notEqual: return (Precedence.comparison, 1)
        case .vbar: return (Precedence.bitOr, 1)
        case .circumflex: return (Precedence.bitXor, 1)
        case .amper: return (Precedence.bitAnd, 1)
        case .leftShift, .rightShift: return (Precedence.shift, 1)
        case .plus, .minus: return (Precedence.arithmetic, 1)
        case .star, .slash, .doubleSlash, .percent, .at: return (Precedence.term, 1)
        default: return (0, 0)
        }
    }

    /// Precedence climbing over the binary operators. A run of operators of one level becomes
    /// one flat `opaque` node (`binary`, `compare` or `boolean`) holding its operands.
    mutating func parseBinary(_ minimum: Int) -> NodeID {
        var left: NodeID
        if minimum <= Precedence.not && atKeyword(.not) {
            left = parseNot()
        } else {
            left = parseFactor()
        }
        var chain = NodeID.none
        var chainPrecedence = 0
        while true {
            let (precedence, width) = binaryOperator()
            if precedence == 0 || precedence < minimum { break }
            for _ in 0..<width { advance() }
            let right = parseBinary(precedence + 1)
            if !chain.isNone && chainPrecedence == precedence {
                attach(right, to: chain)
                setEnd(chain, prevEnd)
            } else {
                let detail = precedence <= Precedence.and ? details.boolean : (precedence == Precedence.comparison ? details.compare : details.binary)
                chain = make(.opaque, detail: detail, start: startOffset(of: left), end: prevEnd)
                attach(left, to: chain)
                attach(right, to: chain)
                chainPrecedence = precedence
                left = chain
            }
        }
        return left
    }

    @inline(never) mutating func parseNot() -> NodeID {
        if depth >= Self.maxDepth { return skipNested() }
        depth += 1
        defer { depth -= 1 }
        let start = tok.startOffset
        advance()
        let operand = parseBinary(Precedence.not)
        let node = make(.opaque, detail: details.not, start: start, end: prevEnd)
        attach(operand, to: node)
        return node
    }

    /// Unary `+`, `-`, `~`, then `power`.
    mutating func parseFactor() -> NodeID {
        if at(.minus) || at(.plus) || at(.tilde) {
            if depth >= Self.maxDepth { return skipNested() }
            depth += 1
            defer { depth -= 1 }
            let start = tok.startOffset
            advance()
            let operand = parseFactor()
            let node = make(.opaque, detail: details.unary, start: start, end: prevEnd)
            attach(operand, to: node)
            return node
        }
        let base = parseAwaitPrimary()
        guard at(.doubleStar) else { return base }
        advance()
        let exponent: NodeID
        if depth >= Self.maxDepth {
            exponent = skipNested()
        } else {
            depth += 1
            exponent = parseFactor()
            depth -= 1
        }
        let node = make(.opaque, detail: details.power, start: startOffset(of: base), end: prevEnd)
        attach(base, to: node)
        attach(exponent, to: node)
        return node
    }

    mutating func parseAwaitPrimary() -> NodeID {
        guard atKeyword(.await) else { return parsePrimary() }
        if depth >= Self.maxDepth { return skipNested() }
        depth += 1
        defer { depth -= 1 }
        let start = tok.startOffset
        advance()
        let operand = atKeyword(.await) ? parseAwaitPrimary() : parsePrimary()
        let node = make(.await, start: start, end: prevEnd)
        attach(operand, to: node)
        return node
    }

    /// An atom and its trailers: `.name`, `(arguments)`, `[subscript]`. Each trailer starts
    /// where the primary starts, at its `(` when parenthesised, as CPython's `ast` does.
    mutating func parsePrimary() -> NodeID {
        let start = tok.startOffset
        var node = parseAtom()
        while true {
            switch kind {
            case .dot:
                advance()
                if at(.name) {
                    let member = make(.member, name: intern(tok), start: start, end: tok.endOffset)
                    advance()
                    attach(node, to: member)
                    node = member
                } else {
                    problem("expected a name after '.'")
                    return node
                }
            case .lpar:
                advance()
                let call = make(.call, start: start, end: prevEnd)
                attach(node, to: call)
                if depth >= Self.maxDepth {
                    attach(skipNested(), to: call)
                } else {
                    depth += 1
                    parseArguments(into: call)
                    depth -= 1
                }
                expect(.rpar, "')'")
                setEnd(call, prevEnd)
                node = call
            case .lsqb:
                advance()
                let indexed = make(.subscript, start: start, end: prevEnd)
                attach(node, to: indexed)
                if depth >= Self.maxDepth {
                    attach(skipNested(), to: indexed)
                } else {
                    depth += 1
                    attach(parseSlices(), to: indexed)
                    depth -= 1
                }
                expect(.rsqb, "']'")
                setEnd(indexed, prevEnd)
                node = indexed
            default:
                return node
            }
        }
    }

    /// Call arguments (also class bases), up to the closing parenthesis, which is left.
    @inline(never) mutating func parseArguments(into owner: NodeID) {
        while !at(.rpar) {
            let start = tok.startOffset
            var flags = NodeFlags(rawValue: 0)
            var label = Symbol.none
            let value: NodeID
            if at(.star) {
                advance()
                flags = .star
                value = parseExpression()
            } else if at(.doubleStar) {
                advance()
                flags = .doubleStar
                value = parseExpression()
            } else if at(.name) && peek(1).kind == .equal && !tok.keyword.isHard {
                label = intern(tok)
                advance()
                advance()
                value = parseExpression()
            } else if canStartExpression() {
                let element = parseNamedExpression()
                if startsComprehension() {
                    value = parseComprehension(detail: details.generator, elements: [element], start: startOffset(of: element))
                } else {
                    value = element
                }
            } else {
                problem("expected an argument")
                return
            }
            let argument = make(.argument, flags: flags, name: label, start: start, end: prevEnd)
            attach(value, to: argument)
            attach(argument, to: owner)
            if !eat(.comma) { return }
        }
    }

    /// The inside of `[…]` after a primary: one index, a slice, or a tuple of them.
    @inline(never) mutating func parseSlices() -> NodeID {
        let first = parseSlice()
        guard at(.comma) else { return first }
        let tuple = make(.opaque, detail: details.tuple, start: startOffset(of: first), end: prevEnd)
        attach(first, to: tuple)
        while eat(.comma) {
            if at(.rsqb) { break }
            attach(parseSlice(), to: tuple)
        }
        setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseSlice() -> NodeID {
        let start = tok.startOffset
        var lower = NodeID.none
        if !at(.colon) {
            lower = parseStarredOrNamed()
            if !at(.colon) { return lower }
        }
        let slice = make(.opaque, detail: details.slice, start: start, end: prevEnd)
        if !lower.isNone { attach(lower, to: slice) }
        advance() // ':'
        if canStartExpression() && !at(.star) { attach(parseExpression(), to: slice) }
        if eat(.colon) && canStartExpression() && !at(.star) { attach(parseExpression(), to: slice) }
        setEnd(slice, prevEnd)
        return slice
    }

    mutating func startsComprehension() -> Bool {
        atKeyword(.for) || (atKeyword(.async) && peek(1).kind == .name && peek(1).keyword == .for)
    }

    /// The `for … in … if …` clauses after the element(s) of a comprehension or generator.
    @inline(never) mutating func parseComprehension(detail: Symbol, elements: [NodeID], start: Int) -> NodeID {
        let node = make(.opaque, detail: detail, start: start, end: prevEnd)
        for e in elements { attach(e, to: node) }
        while startsComprehension() {
            if eatKeyword(.async) { tree.addFlags(node, .isAsync) }
            advance() // 'for'
            attach(parseTargetList(), to: node)
            if !eatKeyword(.in) {
                problem("expected 'in'")
                break
            }
            attach(parseBinary(Precedence.or), to: node)
            while eatKeyword(.if) {
                attach(parseBinary(Precedence.or), to: node)
            }
        }
        setEnd(node, prevEnd)
        return node
    }

    // MARK: Atoms

    mutating func parseAtom() -> NodeID {
        let t = tok
        switch t.kind {
        case .name:
            switch t.keyword {
            case .none, .match, .case, .type:
                advance()
                return make(.name, name: intern(t), start: t.startOffset, end: t.endOffset)
            case .trueValue, .falseValue, .noneValue:
                advance()
                return make(.literal, start: t.startOffset, end: t.endOffset)
            case .lambda:
                return parseExpression()
            case .yield:
                return parseYield()
            case .not:
                return parseNot()
            case .await:
                return parseAwaitPrimary()
            default:
                break
            }
        case .number, .ellipsis:
            advance()
            return make(.literal, start: t.startOffset, end: t.endOffset)
        case .string, .fstringStart:
            return parseStrings()
        case .lpar, .lsqb, .lbrace:
            if depth >= Self.maxDepth { return skipNested() }
            depth += 1
            defer { depth -= 1 }
            switch t.kind {
            case .lpar: return parseParenthesized()
            case .lsqb: return parseListDisplay()
            default: return parseBraceDisplay()
            }
        default:
            break
        }
        problem("expected an expression")
        return make(.opaque, detail: details.error, start: t.startOffset, end: t.startOffset)
    }

    /// Past the nesting limit: skips the rest of the nested expression, bracket-balanced, and
    /// returns it as one opaque node.
    @inline(never) mutating func skipNested() -> NodeID {
        reportDepth()
        let start = tok.startOffset
        var balance = 0
        loop: while true {
            switch kind {
            case .endMarker: break loop
            case .lpar, .lsqb, .lbrace, .fieldStart, .fstringStart: balance += 1
            case .rpar, .rsqb, .rbrace, .fieldEnd, .fstringEnd:
                if balance == 0 { break loop }
                balance -= 1
            case .newline, .comma, .colon, .equal, .semi, .indent, .dedent:
                if balance == 0 { break loop }
            default: break
            }
            advance()
        }
        return make(.opaque, detail: details.skipped, start: start, end: max(start, prevEnd))
    }

    @inline(never) mutating func parseParenthesized() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rpar) { return make(.opaque, detail: details.tuple, start: start, end: prevEnd) }
        if atKeyword(.yield) {
            let value = parseYield()
            expect(.rpar, "')'")
            return value
        }
        let first = parseStarredOrNamed()
        if startsComprehension() {
            let generator = parseComprehension(detail: details.generator, elements: [first], start: start)
            expect(.rpar, "')'")
            setEnd(generator, prevEnd)
            return generator
        }
        guard at(.comma) else {
            expect(.rpar, "')'")
            return first
        }
        let tuple = make(.opaque, detail: details.tuple, start: start, end: prevEnd)
        attach(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            attach(parseStarredOrNamed(), to: tuple)
        }
        expect(.rpar, "')'")
        setEnd(tuple, prevEnd)
        return tuple
    }

    @inline(never) mutating func parseListDisplay() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rsqb) { return make(.opaque, detail: details.list, start: start, end: prevEnd) }
        let first = parseStarredOrNamed()
        if startsComprehension() {
            let comprehension = parseComprehension(detail: details.comprehension, elements: [first], start: start)
            expect(.rsqb, "']'")
            setEnd(comprehension, prevEnd)
            return comprehension
        }
        let list = make(.opaque, detail: details.list, start: start, end: prevEnd)
        attach(first, to: list)
        while eat(.comma) {
            if !canStartExpression() { break }
            attach(parseStarredOrNamed(), to: list)
        }
        expect(.rsqb, "']'")
        setEnd(list, prevEnd)
        return list
    }

    /// `{}`: a dict, a set, or a dict/set comprehension.
    @inline(never) mutating func parseBraceDisplay() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rbrace) { return make(.opaque, detail: details.dict, start: start, end: prevEnd) }
        var isDict = false
        var elements: [NodeID] = []
        if at(.doubleStar) {
            isDict = true
            elements.append(parseDoubleStarred())
        } else {
            let first = parseStarredOrNamed()
            elements.append(first)
            if eat(.colon) {
                isDict = true
                elements.append(parseExpression())
            }
        }
        if startsComprehension() {
            let comprehension = parseComprehension(detail: details.comprehension, elements: elements, start: start)
            expect(.rbrace, "'}'")
            setEnd(comprehension, prevEnd)
            return comprehension
        }
        let node = make(.opaque, detail: isDict ? details.dict : details.set, start: start, end: prevEnd)
        for e in elements { attach(e, to: node) }
        while eat(.comma) {
            if at(.doubleStar) {
                attach(parseDoubleStarred(), to: node)
                continue
            }
            if !canStartExpression() { break }
            attach(parseStarredOrNamed(), to: node)
            if isDict && eat(.colon) { attach(parseExpression(), to: node) }
        }
        expect(.rbrace, "'}'")
        setEnd(node, prevEnd)
        return node
    }

    mutating func parseDoubleStarred() -> NodeID {
        let start = tok.startOffset
        advance()
        let value = parseBinary(Precedence.bitOr)
        let node = make(.opaque, detail: details.doubleStar, start: start, end: prevEnd)
        attach(value, to: node)
        return node
    }

    // MARK: Strings

    /// Adjacent string literals are one `stringLiteral`. Its name is the text between the
    /// quotes (escapes as written, parts concatenated) unless an f-string part has replacement
    /// fields; then it is `interpolated` and holds the fields' expressions.
    @inline(never) mutating func parseStrings() -> NodeID {
        let start = tok.startOffset
        let node = make(.stringLiteral, start: start, end: start)
        var interpolated = false
        var partCount = 0
        var singleRange = 0..<0
        scratch.removeAll(keepingCapacity: true)
        while at(.string) || at(.fstringStart) {
            let range: Range<Int>
            if at(.string) {
                range = contentRange(of: tok)
                advance()
            } else {
                let contentStart = tok.endOffset
                let (hadFields, contentEnd) = parseFString(into: node)
                if hadFields { interpolated = true }
                range = contentStart..<max(contentStart, contentEnd)
            }
            if !interpolated {
                if partCount == 0 { singleRange = range }
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[range]))
            }
            partCount += 1
        }
        if interpolated {
            tree.addFlags(node, .interpolated)
        } else if partCount == 1 {
            tree[node].name = tree.symbols.intern(source, singleRange)
        } else {
            tree[node].name = internScratch()
        }
        setEnd(node, prevEnd)
        return node
    }

    /// The bytes between the quotes of a plain string token.
    mutating func contentRange(of t: Token) -> Range<Int> {
        var i = t.startOffset
        let end = t.endOffset
        while i < end && source[i] != 34 && source[i] != 39 { i += 1 }
        guard i < end else { return end..<end }
        let q = source[i]
        let quoteLength = (end - i >= 6 && source[i + 1] == q && source[i + 2] == q) ? 3 : 1
        let contentStart = i + quoteLength
        var contentEnd = end
        if end - contentStart >= quoteLength && source[end - 1] == q { contentEnd = end - quoteLength }
        return contentStart..<max(contentStart, contentEnd)
    }

    /// At an f-string start: its replacement fields become children of `literal`. Returns
    /// whether it had fields and where its text ends (the start of its closing quotes).
    @inline(never) mutating func parseFString(into literal: NodeID) -> (Bool, Int) {
        advance()
        var hadFields = false
        while true {
            switch kind {
            case .fstringEnd:
                let end = tok.startOffset
                advance()
                return (hadFields, end)
            case .fieldStart:
                hadFields = true
                parseReplacementField(into: literal)
            case .endMarker:
                return (hadFields, tok.startOffset)
            default:
                advance()
            }
        }
    }

    /// `{expression = !conversion :spec}`; nested fields of the spec are children too.
    @inline(never) mutating func parseReplacementField(into literal: NodeID) {
        if depth >= Self.maxDepth {
            attach(skipNested(), to: literal)
            return
        }
        depth += 1
        defer { depth -= 1 }
        advance() // '{'
        if canStartExpression() {
            attach(parseStarExpressionsOrYield(), to: literal)
        } else {
            problem("f-string: expecting an expression")
        }
        _ = eat(.equal)
        if eat(.exclamation) && at(.name) { advance() }
        if eat(.specStart) {
            while at(.fieldStart) { parseReplacementField(into: literal) }
        }
        if eat(.fieldEnd) { return }
        problem("f-string: expecting '}'")
        // Skip what is left of the field, keeping nested f-strings and fields balanced.
        var balance = 0
        while !at(.endMarker) {
            switch kind {
            case .fieldStart, .fstringStart: balance += 1
            case .fstringEnd:
                if balance == 0 { return }
                balance -= 1
            case .fieldEnd:
                if balance == 0 { advance(); return }
                balance -= 1
            default: break
            }
            advance()
        }
    }

    // MARK: Helpers

    /// A typeAnnotation named by the expression's text without white space, holding it.
    @inline(never) mutating func makeTypeAnnotation(_ expression: NodeID) -> NodeID {
        let start = startOffset(of: expression), end = Int(tree[expression].end)
        let node = make(.typeAnnotation, name: compactText(start, end), start: start, end: end)
        attach(expression, to: node)
        return node
    }

    /// The source text of a range with white space and line continuations removed.
    mutating func compactText(_ start: Int, _ end: Int) -> Symbol {
        scratch.removeAll(keepingCapacity: true)
        var i = max(0, start)
        let stop = min(end, source.count)
        while i < stop {
            let c = source[i]
            if c != 32 && c != 9 && c != 10 && c != 13 && c != 12 && c != 92 { scratch.append(c) }
            i += 1
        }
        return internScratch()
    }

    /// The dotted text of a decorator (`app.route` for `@app.route("/")`), or none when the
    /// decorator is not a dotted name or a call of one.
    @inline(never) mutating func dottedText(of expression: NodeID) -> Symbol {
        var target = expression
        if tree[target].kind == .call { target = tree[target].firstChild }
        var current = target
        while !current.isNone {
            switch tree[current].kind {
            case .name:
                return compactText(startOffset(of: target), Int(tree[target].end))
            case .member:
                current = tree[current].firstChild
            default:
                return .none
            }
        }
        return .none
    }
}
