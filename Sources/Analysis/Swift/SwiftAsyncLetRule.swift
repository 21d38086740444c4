import LightSyntax

/// AL203: an `async let` whose value is never read afterwards in its scope, or `async let _`.
extension SwiftFileCheck {
    mutating func checkAsyncLet(_ binding: NodeID) {
        let name = tree[binding].name
        if !name.isNone && name == underscoreSymbol {
            report("AL203", at: binding,
                   message: "`async let _` cannot be read: its child task is cancelled and awaited when the scope ends, so the work may be cut short; bind it to a name and await it, or use `withTaskGroup`",
                   help: "Bind it to a name and await it before the scope ends (`async let done = work(); _ = await done`), or run the work as a child task of a task group (`group.addTask { await work() }`), which awaits it without cancelling it.")
            return
        }
        var names: Set<Symbol> = []
        // The pattern as the message writes it: `value`, or `(p, q)` for a tuple.
        let written: String
        if !name.isNone {
            names.insert(name)
            written = text(name)
        } else {
            // A tuple pattern is one child task for the whole value: reading any of its names
            // awaits all of it, so it is unread only when none of them is read. `_` reads nothing
            // (and a later `_ = x` is no read of it).
            // The pattern's names come first; the value is the last child, and may be a name too
            // (`async let (p, q) = pair`).
            var parts: [String] = []
            let value = tree.lastChild(binding)
            for child in tree.children(binding) where child != value && tree.kind(child) == .name {
                let part = tree[child].name
                parts.append(text(part))
                if part != underscoreSymbol { names.insert(part) }
            }
            guard !parts.isEmpty else { return }
            written = "(" + parts.joined(separator: ", ") + ")"
        }
        guard names.isEmpty || !isRead(names, after: binding) else { return }
        let readIt = name.isNone ? "read one of its values with `await`" : "read it with `await \(written)`"
        report("AL203", at: binding,
               message: "`async let \(written)` is never read: its child task is cancelled and awaited when the scope ends, so the work may be cut short; \(readIt), or use `withTaskGroup` if the result is not needed",
               help: "Read the value with `await`, or start the work in a task group.")
    }

    /// Whether any of the names occurs after the binding before its scope (block) ends.
    private func isRead(_ names: Set<Symbol>, after binding: NodeID) -> Bool {
        var current = binding
        while true {
            var sibling = tree[current].nextSibling
            while !sibling.isNone {
                if mentions(names, in: sibling) { return true }
                sibling = tree[sibling].nextSibling
            }
            let parent = tree[current].parent
            if parent.isNone { return false }
            switch tree.kind(parent) {
            case .block, .closure, .function, .module: return false
            default: current = parent
            }
        }
    }

    /// Whether one of the names is read in `root`, not counting reads of a declaration that
    /// shadows it: after `let u = 5` in a block, `u` in the rest of the block is that one, as is
    /// a closure's or function's parameter `u` in its body.
    private func mentions(_ names: Set<Symbol>, in root: NodeID) -> Bool {
        var stack: [(node: NodeID, names: Set<Symbol>)] = [(root, names)]
        while let (id, visible) = stack.popLast() {
            switch tree.kind(id) {
            case .name:
                if visible.contains(tree[id].name) { return true }
            case .block:
                var remaining = visible
                for statement in tree.children(id) {
                    stack.append((statement, remaining))
                    // Its own value is read before it binds (`let u = u` reads the outer `u`).
                    if tree.kind(statement) == .binding, !tree[statement].name.isNone { remaining.remove(tree[statement].name) }
                    if remaining.isEmpty { break }
                }
                continue
            case .closure, .function:
                var remaining = visible
                for child in tree.children(id) where tree.kind(child) == .parameter { remaining.remove(tree[child].name) }
                if remaining.isEmpty { continue }
                for child in tree.children(id) { stack.append((child, remaining)) }
                continue
            default:
                break
            }
            for child in tree.children(id) { stack.append((child, visible)) }
        }
        return false
    }
}
