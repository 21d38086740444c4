import LightSyntax

/// AL203: an `async let` whose value is never read afterwards in its scope, or `async let _`.
extension SwiftFileCheck {
    mutating func checkAsyncLet(_ binding: NodeID) {
        let name = tree[binding].name
        if !name.isNone && name == underscoreSymbol {
            report("AL203", at: binding,
                   message: "`async let _` is never read: its child task is cancelled and awaited when the scope ends, so the work may be cut short; await the value, or use `withTaskGroup` for work whose result is not needed",
                   help: "Read the value with `await`, or start the work in a task group.")
            return
        }
        var names: Set<Symbol> = []
        if !name.isNone {
            names.insert(name)
        } else {
            for child in tree.children(binding) where tree.kind(child) == .name { names.insert(tree[child].name) }
        }
        guard !names.isEmpty, !isRead(names, after: binding) else { return }
        let written = name.isNone ? "(…)" : text(name)
        report("AL203", at: binding,
               message: "`async let \(written)` is never read: its child task is cancelled and awaited when the scope ends, so the work may be cut short; read it with `await \(name.isNone ? "…" : written)`, or use `withTaskGroup` if the result is not needed",
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
