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
        var stack = [(root, scope)]
        var next: [NodeID] = []
        while let (node, scope) = stack.popLast() {
            next.removeAll(keepingCapacity: true)
            switch tree.kind(node) {
            case .call:
                body(node, scope)
                next.append(contentsOf: tree.children(node))
            case .function, .typeDecl:
                for child in tree.children(node) {
                    switch tree.kind(child) {
                    case .attribute, .argument: next.append(child)
                    case .parameter: next.append(contentsOf: defaultValue(of: child, tree: tree))
                    default: break
                    }
                }
            case .closure:
                for child in tree.children(node) where tree.kind(child) == .parameter {
                    next.append(contentsOf: defaultValue(of: child, tree: tree))
                }
            case .opaque:
                if let inner = scopes.scopeOpenedBy[node] {
                    // A comprehension: all but its first iterable run in its own scope.
                    let first = scopes.comprehensionFirstIterable[node]
                    for child in tree.children(node).reversed() {
                        stack.append((child, child == first ? scope : inner))
                    }
                    continue
                }
                next.append(contentsOf: tree.children(node))
            default:
                next.append(contentsOf: tree.children(node))
            }
            for child in next.reversed() { stack.append((child, scope)) }
        }
    }

    /// A parameter's default value (not its annotation).
    private static func defaultValue(of parameter: NodeID, tree: SyntaxTree) -> [NodeID] {
        tree.children(parameter).filter { tree.kind($0) != .typeAnnotation }
    }
}
