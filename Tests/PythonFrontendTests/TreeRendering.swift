import LightSyntax
@testable import PythonFrontend

/// Renders a tree compactly so a test can state a whole shape in one string:
/// `kind:name/detail+flag(children…)`, children separated by spaces.
func render(_ tree: SyntaxTree, _ id: NodeID) -> String {
    let node = tree[id]
    var out = "\(node.kind)"
    if let name = tree.name(id) { out += ":" + name }
    if let detail = tree.detail(id) { out += "/" + detail }
    let flagNames: [(NodeFlags, String)] = [
        (.isAsync, "async"), (.star, "star"), (.doubleStar, "doubleStar"), (.interpolated, "interpolated"),
        (.augmented, "augmented"), (.isFrom, "from"),
    ]
    for (flag, name) in flagNames where node.flags.contains(flag) { out += "+" + name }
    let children = tree.childArray(id)
    if !children.isEmpty {
        out += "(" + children.map { render(tree, $0) }.joined(separator: " ") + ")"
    }
    return out
}

/// The rendering of every statement of a module, one per line.
func shape(_ source: String) -> String {
    let tree = PythonParser.parse(Array(source.utf8))
    return tree.childArray(tree.root).map { render(tree, $0) }.joined(separator: "\n")
}

func parse(_ source: String) -> SyntaxTree {
    PythonParser.parse(Array(source.utf8))
}

/// Every node of a kind, in source order.
func nodes(_ tree: SyntaxTree, _ kind: NodeKind) -> [NodeID] {
    var out: [NodeID] = []
    var stack = [tree.root]
    while let id = stack.popLast() {
        if tree.kind(id) == kind { out.append(id) }
        stack.append(contentsOf: tree.childArray(id).reversed())
    }
    return out
}

/// Checks the tree's structural invariants: children inside their parent's range, parents
/// linked back, and the summary walk terminating.
func isWellFormed(_ tree: SyntaxTree) -> Bool {
    for index in tree.allNodes {
        let id = NodeID(index)
        let node = tree[id]
        if node.start > node.end { return false }
        for child in tree.children(id) {
            let c = tree[child]
            if c.parent != id || c.start < node.start || c.end > node.end { return false }
        }
    }
    return true
}
