import LightSyntax

/// The debug-only code of a Python file: a block that runs only when a flag named like
/// `debug` is set (`if self.debug:`, `if settings.DEBUG:`, the `else` of `if not DEBUG:`), and
/// the rest of a block after an early `if not DEBUG: return`. A sync helper that blocks only
/// there blocks no caller for AL110: twisted's `Deferred()` formats its creation stack (reading
/// source files) only when `Deferred.debug` is set, and textual's `get_caller_file_and_line`
/// returns at once unless `constants.DEBUG`; followed, they made every `Deferred()` and every
/// widget mount in async code a finding. (A blocking call written in an `async def` under such
/// a guard is still reported: that is the call itself, not a helper.)
struct PythonDebugRegions {
    /// Byte ranges of the file, in no order: few in any file.
    private var ranges: [Range<Int32>] = []

    var isEmpty: Bool { ranges.isEmpty }

    init() {}

    /// From the file's `if` statements (the summarizer collects them in its one pass over the
    /// nodes). Only a condition's own name is asked whether it names a debug flag, once per name.
    init(tree: SyntaxTree, ifStatements: [NodeID]) {
        guard !ifStatements.isEmpty else { return }
        let symbols = tree.symbols
        var known: [Symbol: Bool] = [:]
        func isDebugName(_ name: Symbol) -> Bool {
            if let answer = known[name] { return answer }
            let answer = symbols.contains(name, ignoringASCIICase: "debug") && Self.namesDebugFlag(symbols.string(name))
            known[name] = answer
            return answer
        }
        /// True: the condition holds when the flag is set; false: when it is not; nil: neither.
        func debugFlag(_ expression: NodeID) -> Bool? {
            switch tree.kind(expression) {
            case .name, .member:
                let name = tree[expression].name
                return !name.isNone && isDebugName(name) ? true : nil
            case .opaque where tree.detailIs(expression, "not"):
                return tree.firstChild(expression).flatMap(debugFlag).map { !$0 }
            default:
                return nil
            }
        }
        for statement in ifStatements {
            // Children: condition, block, then (condition, block) per `elif`, then the `else` block.
            // (Few `if`s test a debug flag: the conditions are looked at before anything is made.)
            guard tree.children(statement).contains(where: { tree.kind($0) != .block && debugFlag($0) != nil }) else { continue }
            let children = Array(tree.children(statement))
            var k = 0
            var firstFlag: Bool?
            while k + 1 < children.count, tree.kind(children[k]) != .block {
                let flag = debugFlag(children[k])
                if k == 0 { firstFlag = flag }
                if flag == true { ranges.append(tree[children[k + 1]].start..<tree[children[k + 1]].end) }
                k += 2
            }
            guard firstFlag == false else { continue }
            let hasOnlyIfBranch = children.count == 2
            if !hasOnlyIfBranch, children.count == 3, tree.kind(children[2]) == .block {
                // `if not DEBUG: … else: <debug only>`.
                ranges.append(tree[children[2]].start..<tree[children[2]].end)
            } else if hasOnlyIfBranch, Self.onlyLeaves(children[1], tree: tree) {
                // `if not DEBUG: return`: the rest of the enclosing block is debug only.
                let block = tree[statement].parent
                if !block.isNone { ranges.append(tree[statement].end..<tree[block].end) }
            }
        }
    }

    /// Whether a name (with the word `debug` in it) names a debug flag: a `_`-separated word of
    /// it starts with `debug` (`DEBUG`, `self.debug`, `_debug_mode`, `debugging`) or is
    /// `isdebug`, and no word negates it (`no_debug`, `disable_debug`, `DEBUG_OFF`). A
    /// function such as `logger.debug` is never a condition, so it costs nothing.
    static func namesDebugFlag(_ name: String) -> Bool {
        let words = name.lowercased().split(separator: "_")
        let negations: Set<Substring> = ["no", "not", "non", "disable", "disabled", "off", "without", "skip"]
        guard !words.contains(where: { negations.contains($0) }) else { return false }
        return words.contains { $0.hasPrefix("debug") || $0 == "isdebug" }
    }

    /// Whether a node lies in debug-only code.
    func contains(_ node: NodeID, in tree: SyntaxTree) -> Bool {
        let offset = tree[node].start
        return ranges.contains { $0.contains(offset) }
    }

    /// A block whose one statement returns or raises.
    private static func onlyLeaves(_ block: NodeID, tree: SyntaxTree) -> Bool {
        guard let first = tree.firstChild(block), tree[first].nextSibling.isNone else { return false }
        return tree.kind(first) == .returnStatement   // (`raise` too)
    }
}
