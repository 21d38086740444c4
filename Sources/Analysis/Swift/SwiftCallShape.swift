import LightSyntax

/// A call's callee taken apart: `base.member(…)`, `.member(…)` or `name(…)`.
struct SwiftCallShape {
    var call: NodeID
    var callee: NodeID
    /// The name's or the member's symbol; `.none` for any other callee (a closure, a subscript).
    var lastName: Symbol
    /// The explicit base of a member callee.
    var base: NodeID?
    var isMember: Bool

    /// A shape with only the call and its callee filled in (the checker completes it).
    init(call: NodeID, callee: NodeID) {
        self.call = call
        self.callee = callee
        lastName = .none
        base = nil
        isMember = false
    }

    init(call: NodeID, in tree: SyntaxTree) {
        self.call = call
        callee = tree[call].firstChild
        lastName = .none
        base = nil
        isMember = false
        guard !callee.isNone else { return }
        let node = tree[callee]
        switch node.kind {
        case .name:
            lastName = node.name
        case .member:
            lastName = node.name
            isMember = true
            if !node.flags.contains(.implicitBase), !node.firstChild.isNone { base = node.firstChild }
        default:
            break
        }
    }

    /// The base's name when the base is a plain name (`Thread` in `Thread.sleep`).
    func baseName(in tree: SyntaxTree) -> Symbol? {
        guard let base, tree.kind(base) == .name else { return nil }
        return tree[base].name
    }

    /// The argument nodes, in order.
    func arguments(in tree: SyntaxTree) -> [NodeID] {
        tree.children(call).filter { tree.kind($0) == .argument }
    }

    /// Labels of the arguments inside the parentheses (`_` for an unlabelled one); trailing
    /// closures are left out, as in the catalogue's notation.
    func labels(in tree: SyntaxTree) -> [String] {
        var labels: [String] = []
        for child in tree.children(call) where tree.kind(child) == .argument {
            if tree[child].flags.contains(.trailingClosure) { continue }
            labels.append(tree.name(child) ?? "_")
        }
        return labels
    }
}

extension SyntaxTree {
    /// The expression under any `try`/`await` wrappers.
    func unwrappingTryAndAwait(_ id: NodeID) -> NodeID {
        var current = id
        while !current.isNone, kind(current) == .tryExpr || kind(current) == .await {
            let inner = self[current].firstChild
            if inner.isNone { break }
            current = inner
        }
        return current
    }

    /// The value expression of an `argument` node.
    func argumentValue(_ argument: NodeID) -> NodeID? {
        let value = self[argument].firstChild
        return value.isNone ? nil : value
    }
}
