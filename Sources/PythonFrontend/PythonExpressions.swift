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
        let tuple = tree.makeNode(.opaque, detail: details.tuple, start: Int(tree[first].start), end: prevEnd)
        tree.appendChild(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            tree.appendChild(parseStarredOrNamed(), to: tuple)
        }
        tree.setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseStarExpressionsOrYield() -> NodeID {
        atKeyword(.yield) ? parseYield() : parseStarExpressions()
    }

    /// Assignment and loop targets: like expressions, but stopping before `in`.
    mutating func parseTargetList() -> NodeID {
        let first = parseStarTarget()
        guard at(.comma) else { return first }
        let tuple = tree.makeNode(.opaque, detail: details.tuple, start: Int(tree[first].start), end: prevEnd)
        tree.appendChild(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            tree.appendChild(parseStarTarget(), to: tuple)
        }
        tree.setEnd(tuple, prevEnd)
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
        let node = tree.makeNode(.opaque, detail: details.star, start: start, end: prevEnd)
        tree.appendChild(value, to: node)
        return node
    }

    mutating func parseStarredOrNamed() -> NodeID {
        at(.star) ? parseStarred() : parseNamedExpression()
    }

    mutating func parseYield() -> NodeID {
        let start = tok.startOffset
        advance()
        if eatKeyword(.from) {
            let value = parseExpression()
            let node = tree.makeNode(.opaque, detail: details.yieldFrom, start: start, end: prevEnd)
            tree.appendChild(value, to: node)
            return node
        }
        let node = tree.makeNode(.opaque, detail: details.yield, start: start, end: prevEnd)
        if canStartExpression() { tree.appendChild(parseStarExpressions(), to: node) }
        tree.setEnd(node, prevEnd)
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
            let node = tree.makeNode(.binding, name: intern(t), detail: details.walrus, start: t.startOffset, end: prevEnd)
            tree.appendChild(value, to: node)
            return node
        }
        return parseExpression()
    }

    /// `expression`: a lambda, or a disjunction with an optional `if … else …`.
    mutating func parseExpression() -> NodeID {
        if depth >= Self.maxDepth { return skipNested() }
        depth += 1
        defer { depth -= 1 }
        if atKeyword(.lambda) { return parseLambda() }
        let body = parseBinary(Precedence.or)
        guard atKeyword(.if) else { return body }
        advance()
        let node = tree.makeNode(.opaque, detail: details.ternary, start: Int(tree[body].start), end: prevEnd)
        tree.appendChild(body, to: node)
        tree.appendChild(parseBinary(Precedence.or), to: node)
        if eatKeyword(.else) {
            tree.appendChild(parseExpression(), to: node)
        } else {
            problem("expected 'else'")
        }
        tree.setEnd(node, prevEnd)
        return node
    }

    mutating func parseLambda() -> NodeID {
        let start = tok.startOffset
        advance()
        let closure = tree.makeNode(.closure, detail: details.lambda, start: start, end: prevEnd)
        parseParameters(into: closure, closer: .colon, annotated: false)
        expect(.colon, "':'")
        tree.appendChild(parseExpression(), to: closure)
        tree.setEnd(closure, prevEnd)
        return closure
    }

    /// The operator at the current token: its precedence and how many tokens it spans
    /// (`not in`, `is not`), or precedence 0.
    func binaryOperator() -> (precedence: Int, width: Int) {
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
                tree.appendChild(right, to: chain)
                tree.setEnd(chain, prevEnd)
            } else {
                let detail = precedence <= Precedence.and ? details.boolean : (precedence == Precedence.comparison ? details.compare : details.binary)
                chain = tree.makeNode(.opaque, detail: detail, start: Int(tree[left].start), end: prevEnd)
                tree.appendChild(left, to: chain)
                tree.appendChild(right, to: chain)
                chainPrecedence = precedence
                left = chain
            }
        }
        return left
    }

    mutating func parseNot() -> NodeID {
        if depth >= Self.maxDepth { return skipNested() }
        depth += 1
        defer { depth -= 1 }
        let start = tok.startOffset
        advance()
        let operand = parseBinary(Precedence.not)
        let node = tree.makeNode(.opaque, detail: details.not, start: start, end: prevEnd)
        tree.appendChild(operand, to: node)
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
            let node = tree.makeNode(.opaque, detail: details.unary, start: start, end: prevEnd)
            tree.appendChild(operand, to: node)
            return node
        }
        let base = parseAwaitPrimary()
        guard at(.doubleStar) else { return base }
        advance()
        let exponent = parseFactor()
        let node = tree.makeNode(.opaque, detail: details.power, start: Int(tree[base].start), end: prevEnd)
        tree.appendChild(base, to: node)
        tree.appendChild(exponent, to: node)
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
        let node = tree.makeNode(.await, start: start, end: prevEnd)
        tree.appendChild(operand, to: node)
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
                    let member = tree.makeNode(.member, name: intern(tok), start: start, end: tok.endOffset)
                    advance()
                    tree.appendChild(node, to: member)
                    node = member
                } else {
                    problem("expected a name after '.'")
                    return node
                }
            case .lpar:
                advance()
                let call = tree.makeNode(.call, start: start, end: prevEnd)
                tree.appendChild(node, to: call)
                parseArguments(into: call)
                expect(.rpar, "')'")
                tree.setEnd(call, prevEnd)
                node = call
            case .lsqb:
                advance()
                let indexed = tree.makeNode(.subscript, start: start, end: prevEnd)
                tree.appendChild(node, to: indexed)
                tree.appendChild(parseSlices(), to: indexed)
                expect(.rsqb, "']'")
                tree.setEnd(indexed, prevEnd)
                node = indexed
            default:
                return node
            }
        }
    }

    /// Call arguments (also class bases), up to the closing parenthesis, which is left.
    mutating func parseArguments(into owner: NodeID) {
        while !at(.rpar) {
            let start = tok.startOffset
            var flags: NodeFlags = []
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
                    value = parseComprehension(detail: details.generator, elements: [element], start: Int(tree[element].start))
                } else {
                    value = element
                }
            } else {
                problem("expected an argument")
                return
            }
            let argument = tree.makeNode(.argument, flags: flags, name: label, start: start, end: prevEnd)
            tree.appendChild(value, to: argument)
            tree.appendChild(argument, to: owner)
            if !eat(.comma) { return }
        }
    }

    /// The inside of `[…]` after a primary: one index, a slice, or a tuple of them.
    mutating func parseSlices() -> NodeID {
        let first = parseSlice()
        guard at(.comma) else { return first }
        let tuple = tree.makeNode(.opaque, detail: details.tuple, start: Int(tree[first].start), end: prevEnd)
        tree.appendChild(first, to: tuple)
        while eat(.comma) {
            if at(.rsqb) { break }
            tree.appendChild(parseSlice(), to: tuple)
        }
        tree.setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseSlice() -> NodeID {
        let start = tok.startOffset
        var lower = NodeID.none
        if !at(.colon) {
            lower = parseStarredOrNamed()
            if !at(.colon) { return lower }
        }
        let slice = tree.makeNode(.opaque, detail: details.slice, start: start, end: prevEnd)
        if !lower.isNone { tree.appendChild(lower, to: slice) }
        advance() // ':'
        if canStartExpression() && !at(.star) { tree.appendChild(parseExpression(), to: slice) }
        if eat(.colon) && canStartExpression() && !at(.star) { tree.appendChild(parseExpression(), to: slice) }
        tree.setEnd(slice, prevEnd)
        return slice
    }

    func startsComprehension() -> Bool {
        atKeyword(.for) || (atKeyword(.async) && peek(1).kind == .name && peek(1).keyword == .for)
    }

    /// The `for … in … if …` clauses after the element(s) of a comprehension or generator.
    mutating func parseComprehension(detail: Symbol, elements: [NodeID], start: Int) -> NodeID {
        let node = tree.makeNode(.opaque, detail: detail, start: start, end: prevEnd)
        for e in elements { tree.appendChild(e, to: node) }
        while startsComprehension() {
            if eatKeyword(.async) { tree.addFlags(node, .isAsync) }
            advance() // 'for'
            tree.appendChild(parseTargetList(), to: node)
            if !eatKeyword(.in) {
                problem("expected 'in'")
                break
            }
            tree.appendChild(parseBinary(Precedence.or), to: node)
            while eatKeyword(.if) {
                tree.appendChild(parseBinary(Precedence.or), to: node)
            }
        }
        tree.setEnd(node, prevEnd)
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
                return tree.makeNode(.name, name: intern(t), start: t.startOffset, end: t.endOffset)
            case .trueValue, .falseValue, .noneValue:
                advance()
                return tree.makeNode(.literal, start: t.startOffset, end: t.endOffset)
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
            return tree.makeNode(.literal, start: t.startOffset, end: t.endOffset)
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
        return tree.makeNode(.opaque, detail: details.error, start: t.startOffset, end: t.startOffset)
    }

    /// Past the nesting limit: skips the rest of the nested expression, bracket-balanced, and
    /// returns it as one opaque node.
    mutating func skipNested() -> NodeID {
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
        return tree.makeNode(.opaque, detail: details.skipped, start: start, end: max(start, prevEnd))
    }

    mutating func parseParenthesized() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rpar) { return tree.makeNode(.opaque, detail: details.tuple, start: start, end: prevEnd) }
        if atKeyword(.yield) {
            let value = parseYield()
            expect(.rpar, "')'")
            return value
        }
        let first = parseStarredOrNamed()
        if startsComprehension() {
            let generator = parseComprehension(detail: details.generator, elements: [first], start: start)
            expect(.rpar, "')'")
            tree.setEnd(generator, prevEnd)
            return generator
        }
        guard at(.comma) else {
            expect(.rpar, "')'")
            return first
        }
        let tuple = tree.makeNode(.opaque, detail: details.tuple, start: start, end: prevEnd)
        tree.appendChild(first, to: tuple)
        while eat(.comma) {
            if !canStartExpression() { break }
            tree.appendChild(parseStarredOrNamed(), to: tuple)
        }
        expect(.rpar, "')'")
        tree.setEnd(tuple, prevEnd)
        return tuple
    }

    mutating func parseListDisplay() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rsqb) { return tree.makeNode(.opaque, detail: details.list, start: start, end: prevEnd) }
        let first = parseStarredOrNamed()
        if startsComprehension() {
            let comprehension = parseComprehension(detail: details.comprehension, elements: [first], start: start)
            expect(.rsqb, "']'")
            tree.setEnd(comprehension, prevEnd)
            return comprehension
        }
        let list = tree.makeNode(.opaque, detail: details.list, start: start, end: prevEnd)
        tree.appendChild(first, to: list)
        while eat(.comma) {
            if !canStartExpression() { break }
            tree.appendChild(parseStarredOrNamed(), to: list)
        }
        expect(.rsqb, "']'")
        tree.setEnd(list, prevEnd)
        return list
    }

    /// `{}`: a dict, a set, or a dict/set comprehension.
    mutating func parseBraceDisplay() -> NodeID {
        let start = tok.startOffset
        advance()
        if eat(.rbrace) { return tree.makeNode(.opaque, detail: details.dict, start: start, end: prevEnd) }
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
            tree.setEnd(comprehension, prevEnd)
            return comprehension
        }
        let node = tree.makeNode(.opaque, detail: isDict ? details.dict : details.set, start: start, end: prevEnd)
        for e in elements { tree.appendChild(e, to: node) }
        while eat(.comma) {
            if at(.doubleStar) {
                tree.appendChild(parseDoubleStarred(), to: node)
                continue
            }
            if !canStartExpression() { break }
            tree.appendChild(parseStarredOrNamed(), to: node)
            if isDict && eat(.colon) { tree.appendChild(parseExpression(), to: node) }
        }
        expect(.rbrace, "'}'")
        tree.setEnd(node, prevEnd)
        return node
    }

    mutating func parseDoubleStarred() -> NodeID {
        let start = tok.startOffset
        advance()
        let value = parseBinary(Precedence.bitOr)
        let node = tree.makeNode(.opaque, detail: details.doubleStar, start: start, end: prevEnd)
        tree.appendChild(value, to: node)
        return node
    }

    // MARK: Strings

    /// Adjacent string literals are one `stringLiteral`. Its name is the text between the
    /// quotes (escapes as written, parts concatenated) unless an f-string part has replacement
    /// fields; then it is `interpolated` and holds the fields' expressions.
    mutating func parseStrings() -> NodeID {
        let start = tok.startOffset
        let node = tree.makeNode(.stringLiteral, start: start, end: start)
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
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: src[range]))
            }
            partCount += 1
        }
        if interpolated {
            tree.addFlags(node, .interpolated)
        } else if partCount == 1 {
            tree[node].name = tree.symbols.intern(src, singleRange)
        } else {
            tree[node].name = internScratch()
        }
        tree.setEnd(node, prevEnd)
        return node
    }

    /// The bytes between the quotes of a plain string token.
    func contentRange(of t: Token) -> Range<Int> {
        var i = t.startOffset
        let end = t.endOffset
        while i < end && src[i] != 34 && src[i] != 39 { i += 1 }
        guard i < end else { return end..<end }
        let q = src[i]
        let quoteLength = (end - i >= 6 && src[i + 1] == q && src[i + 2] == q) ? 3 : 1
        let contentStart = i + quoteLength
        var contentEnd = end
        if end - contentStart >= quoteLength && src[end - 1] == q { contentEnd = end - quoteLength }
        return contentStart..<max(contentStart, contentEnd)
    }

    /// At an f-string start: its replacement fields become children of `literal`. Returns
    /// whether it had fields and where its text ends (the start of its closing quotes).
    mutating func parseFString(into literal: NodeID) -> (Bool, Int) {
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
    mutating func parseReplacementField(into literal: NodeID) {
        if depth >= Self.maxDepth {
            tree.appendChild(skipNested(), to: literal)
            return
        }
        depth += 1
        defer { depth -= 1 }
        advance() // '{'
        if canStartExpression() {
            tree.appendChild(parseStarExpressionsOrYield(), to: literal)
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
    mutating func makeTypeAnnotation(_ expression: NodeID) -> NodeID {
        let start = Int(tree[expression].start), end = Int(tree[expression].end)
        let node = tree.makeNode(.typeAnnotation, name: compactText(start, end), start: start, end: end)
        tree.appendChild(expression, to: node)
        return node
    }

    /// The source text of a range with white space and line continuations removed.
    mutating func compactText(_ start: Int, _ end: Int) -> Symbol {
        scratch.removeAll(keepingCapacity: true)
        var i = max(0, start)
        let stop = min(end, src.count)
        while i < stop {
            let c = src[i]
            if c != 32 && c != 9 && c != 10 && c != 13 && c != 12 && c != 92 { scratch.append(c) }
            i += 1
        }
        return internScratch()
    }

    /// The dotted text of a decorator (`app.route` for `@app.route("/")`), or none when the
    /// decorator is not a dotted name or a call of one.
    mutating func dottedText(of expression: NodeID) -> Symbol {
        var target = expression
        if tree[target].kind == .call { target = tree[target].firstChild }
        var current = target
        while !current.isNone {
            switch tree[current].kind {
            case .name:
                return compactText(Int(tree[target].start), Int(tree[target].end))
            case .member:
                current = tree[current].firstChild
            default:
                return .none
            }
        }
        return .none
    }
}
