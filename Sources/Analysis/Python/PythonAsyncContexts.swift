import LightSyntax

/// The async contexts of a Python file (DESIGN.md): the body of every `async def`, with the
/// comprehensions and `async with` / `async for` bodies in it, but not a nested `def`, `lambda`
/// or `class` body, which runs when someone calls it. A nested definition's decorators,
/// default values and class bases do run right there, so they are part of the context.
enum PythonAsyncContexts {
    /// A call made in an async context: the call, the `async def` it runs in, and the scope
    /// its names resolve in.
    struct ContextCall {
        var call: NodeID
        var function: NodeID
        var scope: Int
    }

    static func hasAsyncFunction(_ tree: SyntaxTree) -> Bool {
        tree.nodes.contains { $0.kind == .function && $0.flags.contains(.isAsync) }
    }

    static func forEachCall(in tree: SyntaxTree, scopes: PythonScopes, _ body: (ContextCall) -> Void) {
        for i in tree.allNodes {
            let function = NodeID(i)
            guard tree.kind(function) == .function, tree[function].flags.contains(.isAsync),
                  let block = tree.firstChild(function, ofKind: .block),
                  let scope = scopes.scopeOpenedBy[function] else { continue }
            visit(block, scope: scope, tree: tree, scopes: scopes) { call, callScope in
                body(ContextCall(call: call, function: function, scope: callScope))
            }
        }
    }

    /// Visits the calls under `root` that run when it runs, in source order, with the scope
    /// their names resolve in (a comprehension's own, inside one). An explicit stack: generated
    /// operator chains nest deeper than the thread's stack.
    static func visit(_ root: NodeID, scope: Int, tree: SyntaxTree, scopes: PythonScopes,
                              _ body: (NodeID, Int) -> Void) {
        // One allocation: an array literal and then `reserveCapacity` made two per function.
        var stack: [(NodeID, Int)] = []
        stack.reserveCapacity(64)
        stack.append((root, scope))
        // A node's children are appended in source order right onto the stack with the scope
        // they run in, then turned around in place, so that they are popped in source order.
        while let (node, scope) = stack.popLast() {
            let base = stack.count
            let n = tree[node]
            switch n.kind {
            case .call:
                body(node, scope)
                appendChildren(of: n, to: &stack, scope: scope, tree: tree)
            case .function, .typeDecl:
                var child = n.firstChild
                while !child.isNone {
                    switch tree.kind(child) {
                    case .attribute, .argument: stack.append((child, scope))
                    case .parameter: appendDefaultValue(of: child, to: &stack, scope: scope, tree: tree)
                    default: break
                    }
                    child = tree[child].nextSibling
                }
            case .closure:
                var child = n.firstChild
                while !child.isNone {
                    if tree.kind(child) == .parameter { appendDefaultValue(of: child, to: &stack, scope: scope, tree: tree) }
                    child = tree[child].nextSibling
                }
            case .opaque:
                if let inner = scopes.scopeOpenedBy[node] {
                    // A comprehension: all but its first iterable run in its own scope.
                    let first = scopes.comprehensionFirstIterable(node)
                    appendChildren(of: n, to: &stack, scope: inner, tree: tree)
                    for i in base..<stack.count where stack[i].0 == first { stack[i].1 = scope }
                } else {
                    appendChildren(of: n, to: &stack, scope: scope, tree: tree)
                }
            default:
                appendChildren(of: n, to: &stack, scope: scope, tree: tree)
            }
            var low = base, high = stack.count - 1
            while low < high {
                stack.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
    }

    @inline(__always)
    private static func appendChildren(of node: SyntaxNode, to list: inout [(NodeID, Int)], scope: Int, tree: SyntaxTree) {
        var child = node.firstChild
        while !child.isNone {
            let c = tree[child]
            // A leaf name or literal holds no call: not worth a visit (they are most nodes).
            if !(c.firstChild.isNone && (c.kind == .name || c.kind == .literal || c.kind == .stringLiteral)) {
                list.append((child, scope))
            }
            child = c.nextSibling
        }
    }

    /// A parameter's default value (not its annotation).
    private static func appendDefaultValue(of parameter: NodeID, to list: inout [(NodeID, Int)], scope: Int,
                                           tree: SyntaxTree) {
        var child = tree[parameter].firstChild
        while !child.isNone {
            if tree.kind(child) != .typeAnnotation { list.append((child, scope)) }
            child = tree[child].nextSibling
        }
    }
}
