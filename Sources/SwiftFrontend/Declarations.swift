import LightSyntax

extension Parser {
    static func isModifier(_ k: Keyword) -> Bool {
        switch k {
        case .public, .private, .fileprivate, .internal, .package, .open, .static, .final, .override,
             .mutating, .nonmutating, .lazy, .weak, .unowned, .optional, .required, .convenience, .dynamic,
             .indirect, .prefix, .postfix, .infix, .nonisolated, .distributed, .__consuming, .consuming,
             .borrowing, .isolated:
            return true
        default:
            return false
        }
    }

    /// Whether a declaration starts at token `j` (after any attributes and modifiers).
    mutating func isDeclarationStart(_ j0: Int, context: Context) -> Bool {
        var j = j0
        var sawModifier = false
        var guardCount = 0
        while guardCount < 64 {
            guardCount += 1
            let t = tk(j)
            if t.kind == .at { return true }
            guard t.kind == .identifier, !t.flags.contains(.escaped) else { return false }
            let next = tk(j + 1)
            switch t.kw {
            case .func, .deinit, .subscript, .var, .let, .typealias, .associatedtype, .import,
                 .precedencegroup:
                if t.kw == .subscript && !sawModifier && (next.kind == .period) { return false }
                if t.kw == .import && next.kind != .identifier { return false }
                return true
            case .`init`:
                // `init(` … at statement start is a declaration; `init` as a value is rare.
                return next.kind == .lparen || next.kind == .op || next.kind == .lbrace || sawModifier
            case .protocol, .struct, .enum:
                return next.kind == .identifier
            case .extension:
                return next.kind == .identifier || next.kind == .lbracket || next.kind == .lparen
            case .class:
                return next.kind == .identifier
            case .actor:
                return next.kind == .identifier && !next.atLineStart && (next.kw == .none || next.flags.contains(.escaped))
            case .macro:
                return next.kind == .identifier && !next.atLineStart
                    && (tk(j + 2).kind == .lparen || tk(j + 2).kind == .op)
            case .case:
                return context != .switchCases
            case .operator:
                return sawModifier || next.kind == .op
            default:
                if Parser.isModifier(t.kw) {
                    // A modifier must be followed, on the same declaration, by more modifiers or
                    // a declaration keyword; `open(x)` alone is a call.
                    var k = j + 1
                    if tk(k).kind == .lparen && !tk(k).spaceBefore {
                        k = after(k)
                    }
                    let n = tk(k)
                    guard n.kind == .identifier || n.kind == .at else { return false }
                    if n.kind == .identifier && (n.kw == .none || n.flags.contains(.escaped)) { return false }
                    sawModifier = true
                    j = k
                    continue
                }
                return false
            }
        }
        return false
    }

    /// Attributes and modifiers, then the declaration keyword.
    mutating func parseDeclaration(into parent: NodeID) {
        let s = start
        let startIndex = i
        var attributes: [NodeID] = []
        var guardCount = 0
        // `static`, `class` or `nonisolated` was among the modifiers (`NodeFlags.notInstanceIsolated`).
        var notInstanceIsolated = false
        while guardCount < 10_000 {
            guardCount += 1
            if kind == .at {
                attributes.append(parseAttribute())
                continue
            }
            if kind == .identifier && !tok.flags.contains(.escaped) && Parser.isModifier(tok.kw) {
                if tok.kw == .static || tok.kw == .nonisolated { notInstanceIsolated = true }
                // `class` and `actor` can be modifiers too, but only before another keyword.
                let next = peek()
                if next.kind == .identifier || next.kind == .at || (next.kind == .lparen && !next.spaceBefore) {
                    if next.kind == .identifier && (next.kw == .none || next.flags.contains(.escaped)) && tok.kw != .prefix && tok.kw != .postfix && tok.kw != .infix {
                        break
                    }
                    advance()
                    if kind == .lparen && !tok.spaceBefore { skipSingle() }
                    continue
                }
                if tok.kw == .prefix || tok.kw == .postfix || tok.kw == .infix { advance(); continue }
                break
            }
            if isKw(.class) && (kwAt(i + 1) != .none) && !tk(i + 1).flags.contains(.escaped) && Parser.isDeclKeywordOrModifier(kwAt(i + 1)) {
                notInstanceIsolated = true
                advance()
                continue
            }
            break
        }
        let t = tok
        if t.kind == .identifier && !t.flags.contains(.escaped) {
            switch t.kw {
            case .func:
                parseFunction(into: parent, start: s, attributes: attributes,
                              flags: notInstanceIsolated ? .notInstanceIsolated : [])
                return
            case .`init`, .deinit:
                parseFunction(into: parent, start: s, attributes: attributes)
                return
            case .subscript:
                parseSubscript(into: parent, start: s, attributes: attributes)
                return
            case .var, .let:
                parseVariable(into: parent, start: s, attributes: attributes, asyncLet: false)
                return
            case .async where isPlainKw(peek(), .let) || isPlainKw(peek(), .var):
                advance()
                parseVariable(into: parent, start: s, attributes: attributes, asyncLet: true)
                return
            case .class, .struct, .enum, .actor, .protocol, .extension:
                parseTypeDecl(into: parent, start: s, attributes: attributes)
                return
            case .typealias, .associatedtype:
                parseTypealias()
                return
            case .import:
                parseImport(into: parent, start: s)
                return
            case .operator:
                advance()
                // `infix operator <> : Group` up to the end of the line.
                while !atEOF && !tok.atLineStart && kind != .rbrace && kind != .semicolon { skipSingle() }
                return
            case .precedencegroup:
                advance()
                if kind == .identifier { advance() }
                if kind == .lbrace { skipSingle() }
                return
            case .case:
                parseEnumCase(into: parent, start: s, attributes: attributes)
                return
            case .macro:
                parseMacroDecl(into: parent, start: s, attributes: attributes)
                return
            default:
                break
            }
        }
        // Attributes on something else (`@MainActor in`-less closure statements, recovery):
        // parse what follows as a statement and keep nothing of the attributes.
        if i == startIndex {
            parseExpressionStatement(into: parent)
        } else if !atEOF && kind != .rbrace {
            parseStatement(into: parent, context: .statements)
        }
    }

    static func isDeclKeywordOrModifier(_ k: Keyword) -> Bool {
        switch k {
        case .func, .var, .let, .subscript, .`init`, .typealias, .class, .struct, .enum, .actor, .protocol:
            return true
        default:
            return isModifier(k)
        }
    }

    /// `@Name`, `@Name.Sub<T>`, `@Name(args)`. Arguments of custom attributes (property
    /// wrappers, macros) are expressions; builtin attributes with their own syntax are skipped.
    mutating func parseAttribute() -> NodeID {
        let s = start
        advance()  // @
        let nameStart = start
        var special = false
        if kind == .identifier {
            let t = tok
            let w = Int(t.valueStart), len = Int(t.valueEnd - t.valueStart)
            special = Parser.isSpecialAttribute(src, w, len)
            advance()
            while kind == .period && peek().kind == .identifier && !tok.spaceBefore {
                advance(); advance()
            }
            if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
        }
        let nameEnd = prevEnd
        let node = tree.makeNode(.attribute, name: textWithoutSpace(nameStart, nameEnd), start: s, end: nameEnd)
        if kind == .lparen && !tok.atLineStart && !tok.spaceBefore {
            if special {
                skipSingle()
            } else {
                advance()
                if !tooDeep {
                    depth += 1
                    parseArguments(into: node, closer: .rparen, bare: true)
                    depth -= 1
                } else {
                    i = min(max(Int(match[i - 1]), i), toks.count - 1)
                }
                if kind == .rparen { advance() }
            }
        }
        finish(node)
        return node
    }

    static func isSpecialAttribute(_ src: UnsafeRawBufferPointer, _ start: Int, _ len: Int) -> Bool {
        // swift-syntax's attributes with their own argument syntax.
        let names: [StaticString] = [
            "_backDeploy", "_documentation", "_dynamicReplacement", "_effects", "_implements",
            "_originallyDefinedIn", "specialized", "_specialize", "_spi_available", "abi", "available",
            "backDeployed", "derivative", "differentiable", "objc", "Sendable", "transpose",
        ]
        for n in names where n.utf8CodeUnitCount == len {
            let b = n.utf8Start
            var same = true
            for k in 0..<len where src[start + k] != b[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    // MARK: - Functions

    /// `func`, `init`, `deinit`: `function` [attribute*, parameter*, typeAnnotation?, block?].
    mutating func parseFunction(into parent: NodeID, start s: Int, attributes: [NodeID], flags: NodeFlags = []) {
        let kwTok = tok
        let detail: Symbol
        switch kwTok.kw {
        case .`init`: detail = d.`init`
        case .deinit: detail = d.deinit
        default: detail = d.func
        }
        let node = tree.addNode(.function, parent: parent, flags: flags, detail: detail, start: s, end: s)
        tree.setAnchor(node, Int(kwTok.start))
        for a in attributes { tree.appendChild(a, to: node) }
        advance()
        if kwTok.kw == .func {
            // The name: an identifier or an operator.
            if kind == .op && tok.end - tok.start > 1 && src[Int(tok.end) - 1] == UInt8(ascii: "<")
                && peek().kind == .identifier && !peek().spaceBefore {
                // `func ??<T>`: the operator and the generic parameter list lexed as one token.
                tree[node].name = text(Int(tok.start), Int(tok.end) - 1)
                toks[i].start = tok.end - 1
                toks[i].valueStart = tok.end - 1
            } else if kind == .identifier || kind == .op || kind == .equal {
                tree[node].name = name(tok)
                advance()
            } else if kind == .period {
                // An operator starting with a dot that lexed oddly.
                tree[node].name = name(tok)
                advance()
            }
        } else {
            tree[node].name = detail
            // `init?` / `init!`
            if kind == .op && !tok.spaceBefore && (isOp(UInt8(ascii: "?")) || isOp(UInt8(ascii: "!"))) { advance() }
        }
        parseSignature(of: node)
        if kind == .lbrace {
            parseBlock(into: node)
        }
        finish(node)
    }

    /// `( label name: Type = default, … )`.
    mutating func parseParameterList(into node: NodeID, closure: Bool, enumCase: Bool = false) {
        let close = Int(match[i])
        advance()
        while !atEOF && kind != .rparen {
            let before = i
            let s = start
            if kind == .rbrace || kind == .rbracket || kind == .lbrace || startsDeclarationInParameters() {
                // Recovery: an unclosed parameter list ends at a brace or a declaration.
                problem("unclosed parameter list")
                break
            }
            while kind == .at {
                advance()
                if kind == .identifier { advance() }
                // A generic result builder: `@Builder<Request, Response> content: () -> T`.
                if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
                if kind == .lparen && !tok.spaceBefore { skipSingle() }
            }
            var first = Symbol.none, second = Symbol.none
            var firstIsUnderscore = false
            if enumCase && !(kind == .identifier && (peek().kind == .colon || (peek().kind == .identifier && peek(2).kind == .colon))) {
                // An unlabelled associated value is just a type.
                let p = tree.addNode(.parameter, parent: node, start: s, end: s)
                let (a, b) = parseType()
                addTypeAnnotation(p, a, b)
                if kind == .equal {
                    advance()
                    let v = parseExpr()
                    if !v.isNone { tree.appendChild(v, to: p) }
                }
                finish(p)
                if kind == .comma { advance(); continue }
                if kind == .rparen { break }
                if i == before { skipSingle() }
                continue
            }
            if kind == .identifier {
                firstIsUnderscore = tok.kw == .underscore
                first = name(tok)
                advance()
                if kind == .identifier {
                    second = name(tok)
                    advance()
                }
            }
            if first.isNone && kind != .colon {
                // No parameter here (recovery): skip the token.
                problem("unexpected token in parameter list")
                if i == before { skipSingle() }
                if kind == .comma { advance() }
                continue
            }
            let p: NodeID
            if second.isNone {
                p = tree.addNode(.parameter, parent: node, name: first, start: s, end: s)
            } else {
                p = tree.addNode(.parameter, parent: node, name: second, detail: firstIsUnderscore ? d.underscore : first, start: s, end: s)
            }
            if kind == .colon {
                advance()
                let (a, b) = parseType()
                addTypeAnnotation(p, a, b)
            }
            if kind == .op && opText(tok, "...") { advance() }
            if kind == .equal {
                advance()
                let v = parseExpr()
                if !v.isNone { tree.appendChild(v, to: p) }
            }
            finish(p)
            if kind == .comma { advance(); continue }
            if kind == .rparen { break }
            if i == before || kind != .rparen {
                problem("unexpected token in parameter list")
                if kind == .rbrace || kind == .lbrace || atEOF || startsDeclarationInParameters() { break }
                skipSingle()
            }
        }
        if kind == .rparen { advance() } else if close > i && tk(close).kind == .rparen { i = close + 1 }
    }

    /// A declaration at the start of a line, where a parameter may also start a line: one
    /// whose label is a keyword (`class name: String`, any keyword but `let` and `var`) is a
    /// parameter.
    mutating func startsDeclarationInParameters() -> Bool {
        guard tok.atLineStart else { return false }
        if kind == .identifier && tok.kw != .let && tok.kw != .var && peek().kind == .identifier && peek(2).kind == .colon {
            return false
        }
        return startsDeclaration(at: i)
    }

    /// `subscript<T>(params) -> T { get … set … }` or with a getter body.
    mutating func parseSubscript(into parent: NodeID, start s: Int, attributes: [NodeID]) {
        let node = tree.addNode(.function, parent: parent, name: d.subscript, detail: d.subscript, start: s, end: s)
        tree.setAnchor(node, start)
        for a in attributes { tree.appendChild(a, to: node) }
        advance()
        parseSignature(of: node)
        if kind == .lbrace {
            if atAccessorBlock() {
                parseAccessors(into: node, propertyName: d.subscript)
            } else {
                parseBlock(into: node)
            }
        }
        finish(node)
    }

    // MARK: - Variables and accessors

    /// `let`/`var` with one `binding` per pattern.
    mutating func parseVariable(into parent: NodeID, start s: Int, attributes: [NodeID], asyncLet: Bool) {
        let detail: Symbol = asyncLet ? d.asyncLet : (isKw(.let) ? d.let : d.var)
        advance()
        var first = true
        while true {
            let bs = first ? s : start
            first = false
            let binding = tree.addNode(.binding, parent: parent, flags: asyncLet ? .asyncLet : [], detail: detail, start: bs, end: bs)
            if bs == s {
                // Attributes (property wrappers with arguments, `@MainActor`) lead the first
                // binding's children: their arguments are evaluated like any expression.
                for a in attributes { tree.appendChild(a, to: binding) }
            }
            parseBindingPattern(binding)
            if kind == .colon {
                advance()
                let (a, b) = parseType()
                addTypeAnnotation(binding, a, b)
            }
            var value = NodeID.none
            if kind == .equal {
                advance()
                value = parseExpr()
                // Children stay in source order: an initial value comes before observers.
                if !value.isNone { tree.appendChild(value, to: binding) }
            }
            if kind == .lbrace {
                // Accessors, observers, or a shorthand getter.
                let prop = tree[binding].name
                if atAccessorBlock() {
                    parseAccessors(into: binding, propertyName: prop)
                } else if value.isNone {
                    let getter = tree.addNode(.function, parent: binding, name: prop, detail: d.get, start: start, end: start)
                    tree.setAnchor(getter, start)
                    parseBlock(into: getter)
                    finish(getter)
                }
            }
            finish(binding)
            if kind == .comma { advance(); continue }
            break
        }
    }

    static func isAccessorKeyword(_ k: Keyword) -> Bool {
        switch k {
        // `read`/`modify` are accessors only under an experimental feature; swift-syntax (and
        // so the compiler by default) parses `read { … }` as a call in a getter body.
        case .get, .set, .willSet, .didSet, ._read, ._modify, .unsafeAddress,
             .unsafeMutableAddress, .`init`, .borrow, .mutate:
            return true
        default:
            return false
        }
    }

    /// At `{`: whether the braces hold accessors (`get`, `set`, observers) rather than a getter body.
    mutating func atAccessorBlock() -> Bool {
        var j = i + 1
        var guardCount = 0
        while guardCount < 64 {
            guardCount += 1
            let t = tk(j)
            if t.kind == .at {
                j += 2
                if tk(j).kind == .lparen && !tk(j).spaceBefore { j = after(j) }
                continue
            }
            if isPlainKw(t, .mutating) || isPlainKw(t, .nonmutating) || isPlainKw(t, .__consuming)
                || isPlainKw(t, .consuming) || isPlainKw(t, .borrowing) || isPlainKw(t, .nonisolated) {
                j += 1
                continue
            }
            break
        }
        let t = tk(j)
        guard t.kind == .identifier && !t.flags.contains(.escaped) && Parser.isAccessorKeyword(t.kw) else { return false }
        let n = tk(j + 1)
        switch n.kind {
        case .lbrace, .rbrace:
            return true
        case .lparen:
            return t.kw != .get
        case .identifier:
            if n.flags.contains(.escaped) { return false }
            switch n.kw {
            case .async, .throws, .rethrows, .mutating, .nonmutating, .__consuming, .consuming, .borrowing:
                return true   // `get async`, `{ get nonmutating set }`
            default:
                return Parser.isAccessorKeyword(n.kw)
            }
        case .at:
            return true
        default:
            return false
        }
    }

    /// `{ get async throws { … } set(v) { … } }`: one `function` per accessor.
    mutating func parseAccessors(into parent: NodeID, propertyName: Symbol) {
        advance()  // {
        while !atEOF && kind != .rbrace {
            let before = i
            let s = start
            var attributes: [NodeID] = []
            while kind == .at { attributes.append(parseAttribute()) }
            while kind == .identifier && !Parser.isAccessorKeyword(tok.kw) && !tok.flags.contains(.escaped)
                    && (Parser.isModifier(tok.kw) || tok.kw == .__consuming) {
                advance()
            }
            if kind == .pound && tok.kw == .if {
                parseIfConfigAccessors(into: parent, propertyName: propertyName)
                continue
            }
            guard kind == .identifier && Parser.isAccessorKeyword(tok.kw) else {
                if i == before {
                    problem("unexpected token in accessor block")
                    skipSingle()
                }
                continue
            }
            let fn = tree.addNode(.function, parent: parent, name: propertyName, detail: name(tok), start: s, end: s)
            tree.setAnchor(fn, start)
            for a in attributes { tree.appendChild(a, to: fn) }
            advance()
            if kind == .lparen {
                // `set(newValue)`
                advance()
                if kind == .identifier {
                    tree.addNode(.parameter, parent: fn, name: name(tok), start: start, end: Int(tok.end))
                    advance()
                }
                while !atEOF && kind != .rparen && kind != .lbrace && kind != .rbrace { skipSingle() }
                if kind == .rparen { advance() }
            }
            parseEffects(fn)
            if kind == .lbrace { parseBlock(into: fn) }
            finish(fn)
        }
        if kind == .rbrace { advance() }
    }

    /// `#if` around accessors.
    mutating func parseIfConfigAccessors(into parent: NodeID, propertyName: Symbol) {
        while kind == .pound && (tok.kw == .if || tok.kw == .elseif || tok.kw == .else) {
            let isElse = tok.kw == .else
            advance()
            if !isElse { skipPoundIfCondition() }
            while !atEOF && kind != .rbrace && !atIfConfigBranchEnd {
                let before = i
                let s = start
                while kind == .at { _ = parseAttribute() }
                while kind == .identifier && !Parser.isAccessorKeyword(tok.kw) && Parser.isModifier(tok.kw) { advance() }
                if kind == .identifier && Parser.isAccessorKeyword(tok.kw) {
                    let fn = tree.addNode(.function, parent: parent, name: propertyName, detail: name(tok), start: s, end: s)
                    tree.setAnchor(fn, start)
                    advance()
                    if kind == .lparen { skipSingle() }
                    parseEffects(fn)
                    if kind == .lbrace { parseBlock(into: fn) }
                    finish(fn)
                } else if i == before {
                    skipSingle()
                }
            }
        }
        if kind == .pound && tok.kw == .endif { advance() }
    }

    // MARK: - Types

    /// `class`/`struct`/`enum`/`actor`/`protocol`/`extension`.
    mutating func parseTypeDecl(into parent: NodeID, start s: Int, attributes: [NodeID]) {
        let kwTok = tok
        let node = tree.addNode(.typeDecl, parent: parent, detail: name(kwTok), start: s, end: s)
        tree.setAnchor(node, Int(kwTok.start))
        for a in attributes { tree.appendChild(a, to: node) }
        advance()
        if kwTok.kw == .extension {
            let (a, b) = parseType()
            tree[node].name = textWithoutSpace(a, b)
        } else if kind == .identifier {
            tree[node].name = name(tok)
            advance()
        }
        if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
        if kind == .colon {
            advance()
            while !atEOF {
                let before = i
                let (a, b) = parseType()
                if b > a { addTypeAnnotation(node, a, b) }
                if kind == .comma { advance(); continue }
                if i == before { break }
                break
            }
        }
        parseWhereClause()
        if kind == .lbrace {
            parseBlock(into: node, context: .members)
        }
        finish(node)
    }

    mutating func parseTypealias() {
        advance()
        if kind == .identifier { advance() }
        if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
        if kind == .colon {
            advance()
            parseType()
        }
        if kind == .equal {
            advance()
            parseType()
        }
        parseWhereClause()
    }

    mutating func parseImport(into parent: NodeID, start s: Int) {
        advance()
        // `import struct Foo.Bar`: the kind keyword is not part of the path.
        if kind == .identifier && !tok.flags.contains(.escaped) {
            switch tok.kw {
            case .struct, .class, .enum, .protocol, .typealias, .func, .let, .var:
                if peek().kind == .identifier { advance() }
            default: break
            }
        }
        let ps = start
        while kind == .identifier || kind == .op {
            advance()
            if kind == .period && !tok.atLineStart { advance() } else { break }
        }
        tree.addNode(.importStatement, parent: parent, name: textWithoutSpace(ps, prevEnd), start: s, end: prevEnd)
    }

    /// `case a, b(Int, label: String = x), c = 1`: `opaque` `enumCase` holding associated
    /// value parameters (their default values are expressions) and raw values.
    mutating func parseEnumCase(into parent: NodeID, start s: Int, attributes: [NodeID]) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.enumCase, start: s, end: s)
        for a in attributes { tree.appendChild(a, to: node) }
        advance()
        while !atEOF {
            let before = i
            if kind == .identifier { advance() }
            if kind == .lparen { parseParameterList(into: node, closure: false, enumCase: true) }
            if kind == .equal {
                advance()
                let v = parseExpr()
                if !v.isNone { tree.appendChild(v, to: node) }
            }
            if kind == .comma { advance(); continue }
            if i == before { break }
            break
        }
        finish(node)
    }

    /// `macro m(x: Int) -> T = #externalMacro(…)`: not a function.
    mutating func parseMacroDecl(into parent: NodeID, start s: Int, attributes: [NodeID]) {
        let node = tree.addNode(.opaque, parent: parent, detail: d.macroDecl, start: s, end: s)
        for a in attributes { tree.appendChild(a, to: node) }
        advance()
        if kind == .identifier { tree[node].name = name(tok); advance() }
        if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
        if kind == .lparen { parseParameterList(into: node, closure: false) }
        if kind == .arrow {
            advance()
            parseType()
        }
        if kind == .equal {
            advance()
            let v = parseExpr()
            if !v.isNone { tree.appendChild(v, to: node) }
        }
        parseWhereClause()
        finish(node)
    }

    /// `where A: B, C == D` (skipped: it makes no node).
    /// What follows a function's, initializer's or subscript's name: generic parameters, the
    /// parameter list, effects (`async`, `throws`), the result type and a `where` clause.
    mutating func parseSignature(of node: NodeID) {
        if kind == .op && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
        if kind == .lparen { parseParameterList(into: node, closure: false) }
        parseEffects(node)
        if kind == .arrow {
            advance()
            let (a, b) = parseType()
            addTypeAnnotation(node, a, b)
        }
        parseWhereClause()
    }

    mutating func parseWhereClause() {
        guard isKw(.where) else { return }
        advance()
        var guardCount = 0
        while !atEOF && guardCount < 10_000 {
            guardCount += 1
            let before = i
            parseType()
            if kind == .colon {
                advance()
                parseType()
            } else if kind == .op && (opText(tok, "==")) {
                advance()
                parseType()
            }
            if kind == .comma { advance(); continue }
            if i == before { break }
            break
        }
    }

    /// Skips a type and returns its byte range. Types make no nodes (a typeAnnotation is made
    /// from the range by the caller). Tuples and brackets are skipped as groups, so there is
    /// no recursion at all.
    @discardableResult
    mutating func parseType() -> (Int, Int) {
        let s = start
        var guardCount = 0
        outer: while guardCount < 100_000 {
            guardCount += 1
            // Prefixes: attributes, specifiers, `some`/`any`/`each`/`repeat`, `~`.
            var inner = 0
            while inner < 1000 {
                inner += 1
                if kind == .at {
                    advance()
                    if kind == .identifier { advance() }
                    if kind == .lparen && !tok.spaceBefore { skipSingle() }
                    continue
                }
                if kind == .identifier && !tok.flags.contains(.escaped) {
                    switch tok.kw {
                    case .inout, .borrowing, .consuming, .__owned, .__shared, .sending, .isolated, ._const,
                         .some, .any, .each, .repeat, .nonisolated:
                        let n = peek()
                        if n.kind == .identifier || n.kind == .lparen || n.kind == .lbracket || n.kind == .at
                            || (n.kind == .op && opText(n, "~")) {
                            advance()
                            continue
                        }
                    default:
                        break
                    }
                }
                if kind == .op && opText(tok, "~") { advance(); continue }
                break
            }
            switch kind {
            case .identifier:
                advance()
                if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
            case .lparen, .lbracket:
                skipSingle()
            default:
                break outer
            }
            // Postfix: `?`, `!`, `.Member`, `.Type`, `...`.
            inner = 0
            while inner < 100_000 {
                inner += 1
                if kind == .op && !tok.spaceBefore && (isOp(UInt8(ascii: "?")) || isOp(UInt8(ascii: "!"))) {
                    advance()
                    continue
                }
                if kind == .op && !tok.spaceBefore && tok.end - tok.start > 1
                    && (src[Int(tok.start)] == UInt8(ascii: "?") || src[Int(tok.start)] == UInt8(ascii: "!"))
                    && allMarks(tok) {
                    advance()
                    continue
                }
                if kind == .period && peek().kind == .identifier {
                    advance(); advance()
                    if kind == .op && !tok.spaceBefore && src[Int(tok.start)] == UInt8(ascii: "<") { parseGenericArguments() }
                    continue
                }
                break
            }
            // A function type: effects and `->`.
            var sawEffect = false
            while kind == .identifier && !tok.flags.contains(.escaped)
                    && (tok.kw == .async || tok.kw == .throws || tok.kw == .rethrows)
                    && (!tok.atLineStart || effectsRunToArrow()) {
                advance()
                sawEffect = true
                if kind == .lparen && !tok.spaceBefore { skipSingle() }
            }
            if kind == .arrow {
                advance()
                continue
            }
            if sawEffect { break }
            // Composition `A & B`.
            if kind == .op && opText(tok, "&") {
                advance()
                continue
            }
            break
        }
        return (s, max(s, prevEnd))
    }

    /// Whether the effects from here on run to `->`. A function type's effects may start a line
    /// (`(Int)⏎ async throws -> R`), where `async` can also start the next statement
    /// (`let f: (Int)⏎ async let x = …`); only the arrow tells them apart.
    mutating func effectsRunToArrow() -> Bool {
        var k = 0
        while k < 64 {
            let t = peek(k)
            if t.kind == .arrow { return true }
            guard t.kind == .identifier, !t.flags.contains(.escaped),
                  t.kw == .async || t.kw == .throws || t.kw == .rethrows else { return false }
            k += 1
            // A typed throw, `throws(E)`.
            if peek(k).kind == .lparen && !peek(k).spaceBefore {
                while k < 64 && peek(k).kind != .rparen && peek(k).kind != .eof { k += 1 }
                k += 1
            }
        }
        return false
    }

    mutating func allMarks(_ t: Token) -> Bool {
        for k in Int(t.start)..<Int(t.end) where src[k] != UInt8(ascii: "?") && src[k] != UInt8(ascii: "!") { return false }
        return true
    }

    /// Skips `<…>` (generic parameters or arguments): counts angle brackets inside operator
    /// tokens and splits a token that closes the list and continues (`>?`, `>>`).
    mutating func parseGenericArguments() {
        var angle = 0
        var guardCount = 0
        while !atEOF && guardCount < 100_000 {
            guardCount += 1
            let t = tok
            switch t.kind {
            case .op:
                var k = Int(t.start)
                while k < Int(t.end) {
                    let c = src[k]
                    if c == UInt8(ascii: "<") { angle += 1 }
                    else if c == UInt8(ascii: ">") {
                        angle -= 1
                        if angle == 0 {
                            if k + 1 < Int(t.end) { splitToken(at: k + 1) } else { advance() }
                            return
                        }
                    }
                    k += 1
                }
                advance()
            case .lbrace, .rbrace, .semicolon, .equal:
                // Never inside a generic list: give up here.
                return
            case .lparen, .lbracket:
                skipSingle()
            default:
                advance()
            }
        }
    }

    /// Makes the current token start at `offset` (what remains after a closing `>`).
    mutating func splitToken(at offset: Int) {
        var t = tk(i)
        t.start = Int32(offset)
        t.valueStart = Int32(offset)
        t.flags.remove(.spaceBefore)
        t.flags.remove(.lineStart)
        if t.end - t.start == 1 && src[offset] == UInt8(ascii: "=") { t.kind = .equal }
        toks[i] = t
    }

    mutating func addTypeAnnotation(_ parent: NodeID, _ a: Int, _ b: Int) {
        guard b > a else { return }
        tree.addNode(.typeAnnotation, parent: parent, flags: namesAsyncFunctionType(a, b) ? .isAsync : [],
                     name: textWithoutSpace(a, b), start: a, end: b)
    }

    /// Whether the type in `a..<b` has an async function type in it: `async` after a `)`, with
    /// only white space between (`() async -> Void`, `(@Sendable (Int) async throws -> T)?`). The
    /// flag tells the checker's pre-filter that a closure stored as such is an async context.
    func namesAsyncFunctionType(_ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            if src[k] != UInt8(ascii: ")") { k += 1; continue }
            k += 1
            while k < b && (src[k] == 32 || src[k] == 9 || src[k] == 10 || src[k] == 13) { k += 1 }
            if k + 5 <= b && src[k] == UInt8(ascii: "a") && src[k + 1] == UInt8(ascii: "s") && src[k + 2] == UInt8(ascii: "y")
                && src[k + 3] == UInt8(ascii: "n") && src[k + 4] == UInt8(ascii: "c") {
                let after = k + 5
                if after == b { return true }
                let c = src[after]
                let isWordByte = c >= 0x80 || c == UInt8(ascii: "_") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                    || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
                if !isWordByte { return true }
            }
        }
        return false
    }

    /// Interns the bytes of `a..<b` without white space (and without comments).
    mutating func textWithoutSpace(_ a: Int, _ b: Int) -> Symbol {
        var hasSpace = false
        for k in a..<max(a, b) {
            let c = src[k]
            if c == 32 || c == 9 || c == 10 || c == 13 || c == UInt8(ascii: "/") { hasSpace = true; break }
        }
        if !hasSpace { return text(a, b) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(b - a)
        var k = a
        while k < b {
            let c = src[k]
            if c == UInt8(ascii: "/") && k + 1 < b && src[k + 1] == UInt8(ascii: "/") {
                while k < b && src[k] != 10 && src[k] != 13 { k += 1 }
                continue
            }
            if c == UInt8(ascii: "/") && k + 1 < b && src[k + 1] == UInt8(ascii: "*") {
                k += 2
                while k + 1 < b && !(src[k] == UInt8(ascii: "*") && src[k + 1] == UInt8(ascii: "/")) { k += 1 }
                k += 2
                continue
            }
            if c != 32 && c != 9 && c != 10 && c != 13 { bytes.append(c) }
            k += 1
        }
        return bytes.withUnsafeBytes { tree.symbols.intern($0, 0..<$0.count) }
    }
}
