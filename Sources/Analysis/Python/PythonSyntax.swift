import LightSyntax

/// Reading the Python tree: what the light syntax tree spells only implicitly (a call's callee
/// text, its arguments by keyword or position, a literal's text, the roles of a
/// comprehension's parts).
extension SyntaxTree {
    /// The first child, e.g. a call's callee or a member's base.
    func firstChild(_ id: NodeID) -> NodeID? {
        let first = self[id].firstChild
        return first.isNone ? nil : first
    }

    /// A call's callee as a message quotes it: the summary's normal form (`t.sleep`,
    /// `open().read`) with `(…)` for what it cannot spell (`(…).read_text`, for
    /// `(base / "x").read_text()`), not a bare `?`, and `(...)` for a call inside it that has
    /// arguments (`Path(...).read_text`): `Path().read_text` would be advice to read `Path(".")`.
    func quotedCallee(ofCall call: NodeID) -> String {
        firstChild(call).map { calleeText($0, unknown: "(…)", elidingArguments: true) } ?? "(…)"
    }

    /// `SyntaxSummary.calleeText`, the same text built without an array of parts: one pass
    /// finds how far the chain goes, the next appends its pieces from the innermost out.
    /// (Pass 1 asks it for every call statement; the parts were most of its cost.)
    /// `unknown` stands for a piece that is no name, member, call or subscript (a parenthesized
    /// `base / "x"`): `?` in the normal form, `(…)` in a message.
    func calleeText(_ id: NodeID, unknown: String = "?", elidingArguments: Bool = false) -> String {
        var count = 0
        var endsInMissing = false
        var current = id
        walk: while true {
            if count == 64 { return "?" }
            count += 1
            let node = self[current]
            switch node.kind {
            case .member:
                if node.flags.contains(.implicitBase) || node.firstChild.isNone { break walk }
                current = node.firstChild
            case .call, .subscript, .await, .tryExpr:
                current = node.firstChild
            default:
                break walk
            }
            if current.isNone {
                endsInMissing = true
                break
            }
        }
        var text = endsInMissing ? unknown : ""
        var level = count - 1
        while level >= 0 {
            var node = id
            for _ in 0..<level { node = self[node].firstChild }
            let n = self[node]
            switch n.kind {
            case .name:
                text += n.name.isNone ? "?" : symbols.string(n.name)
            case .member:
                text += "."
                text += n.name.isNone ? "?" : symbols.string(n.name)
            case .call:
                let hasArguments = !n.firstChild.isNone && !self[n.firstChild].nextSibling.isNone
                text += elidingArguments && hasArguments ? "(...)" : "()"
            case .subscript: text += elidingArguments ? "[...]" : "[]"
            case .await, .tryExpr: break
            default: text += unknown
            }
            level -= 1
        }
        return text
    }

    /// The argument passed by `keyword`, or else the positional one at `position`.
    func argument(of call: NodeID, keyword: String?, position: Int?) -> NodeID? {
        var positional = 0
        for child in children(call) where kind(child) == .argument {
            let n = self[child]
            if n.flags.contains(.star) || n.flags.contains(.doubleStar) { continue }
            if let label = name(child) {
                if label == keyword { return child }
            } else {
                if positional == position { return child }
                positional += 1
            }
        }
        return nil
    }

    /// The index of a positional argument among its call's positional arguments.
    func positionalIndex(of argument: NodeID) -> Int? {
        let call = self[argument].parent
        var index = 0
        for child in children(call) where kind(child) == .argument {
            let n = self[child]
            if child == argument { return n.name.isNone && !n.flags.contains(.star) ? index : nil }
            if n.name.isNone && !n.flags.contains(.star) && !n.flags.contains(.doubleStar) { index += 1 }
        }
        return nil
    }

    /// The source text of a node that fits on one line (nil otherwise): enough to read a
    /// literal such as `False`, which the tree does not spell out.
    func sourceText(_ node: NodeID) -> String? {
        let r = range(node)
        guard r.start.line == r.end.line else { return nil }
        let scalars = Array(lineMap.lineText(r.start.line).unicodeScalars)
        let from = r.start.column - 1, to = r.end.column - 1
        guard from >= 0, to <= scalars.count, from <= to else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[from..<to])
        return text
    }

    /// The parts of a comprehension or generator. The tree holds them flat (elements, then per
    /// clause target, iterable, conditions), so each part's role is read from the keyword
    /// written before it: `for` → target, `in` → iterable, `if` → condition.
    func comprehensionParts(_ node: NodeID) -> ComprehensionParts {
        var parts = ComprehensionParts()
        var previousEnd: Int32?
        for child in children(node) {
            let keyword = previousEnd.map { lastKeyword(fromByte: $0, toByte: self[child].start) } ?? nil
            switch keyword {
            case "for": parts.targets.append(child)
            case "in": parts.iterables.append(child)
            case "if": parts.conditions.append(child)
            default:
                if parts.targets.isEmpty { parts.elements.append(child) } else { parts.conditions.append(child) }
            }
            previousEnd = self[child].end
        }
        return parts
    }

    /// The last identifier-like word in the source between two offsets, comments left out.
    /// Read on the lines' UTF-8 bytes (the words asked for are ASCII keywords); a non-ASCII
    /// byte counts as part of a word, as the letters of other scripts do.
    private func lastKeyword(fromByte a: Int32, toByte b: Int32) -> String? {
        guard a < b else { return nil }
        let firstLine = lineMap.lineIndex(ofByte: Int(a)), lastLine = lineMap.lineIndex(ofByte: Int(b))
        var word: String?
        for line in firstLine...lastLine {
            let lineStart = Int(lineMap.lineStarts[line])
            var text = lineMap.lineText(line + 1)
            var found: Range<Int>?
            text.withUTF8 { bytes in
                let from = max(Int(a) - lineStart, 0)
                let to = min(Int(b) - lineStart, bytes.count)
                guard from < to else { return }
                var current = -1
                var i = from
                while i < to {
                    let c = bytes[i]
                    if c == UInt8(ascii: "#") { break }
                    let isWord = (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || c == UInt8(ascii: "_") || c >= 0x80
                    if isWord {
                        if current < 0 { current = i }
                    } else if current >= 0 {
                        found = current..<i
                        current = -1
                    }
                    i += 1
                }
                if current >= 0 { found = current..<i }
                if let found { word = String(decoding: UnsafeBufferPointer(rebasing: bytes[found]), as: UTF8.self) }
            }
        }
        return word
    }
}

struct ComprehensionParts {
    var elements: [NodeID] = []
    var targets: [NodeID] = []
    var iterables: [NodeID] = []
    var conditions: [NodeID] = []
}

/// Where a Python expression's value is thrown away or only tested for truth: a coroutine made
/// there is never awaited (AL202), whether the per-file rule or the project index knows it.
enum PythonUnawaitedUses {
    enum Use {
        /// The whole value of an expression statement (`job()`).
        case discarded
        /// An `if`, `elif` or `while` condition, or a `not`, `and` or `or` operand in one:
        /// a coroutine object is always true (`if is_ready():`).
        case truthTested
    }

    /// Each call whose value is so used, in tree order.
    static func forEach(in tree: SyntaxTree, _ body: (_ call: NodeID, _ use: Use) -> Void) {
        let ifSymbol = tree.symbols.lookup("if"), whileSymbol = tree.symbols.lookup("while")
        let notSymbol = tree.symbols.lookup("not"), booleanSymbol = tree.symbols.lookup("boolean")
        for i in tree.allNodes {
            let node = NodeID(i)
            switch tree.kind(node) {
            case .expressionStatement:
                if let call = tree.firstChild(node), tree.kind(call) == .call { body(call, .discarded) }
            case .opaque:
                // Only files with an `if` or `while` have the symbol; most opaque nodes are neither.
                let detail = tree[node].detail
                guard !detail.isNone, detail == ifSymbol || detail == whileSymbol else { continue }
                for condition in tree.children(node) where tree.kind(condition) != .block {
                    var pending = [condition]
                    while let expression = pending.popLast() {
                        switch tree.kind(expression) {
                        case .call:
                            body(expression, .truthTested)
                        case .opaque where tree[expression].detail == notSymbol || tree[expression].detail == booleanSymbol:
                            pending.append(contentsOf: tree.children(expression).reversed())
                        default:
                            break
                        }
                    }
                }
            default:
                break
            }
        }
    }
}
