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
            visit(block, tree: tree) { call in body(ContextCall(call: call, function: function, scope: scope)) }
        }
    }

    private static func visit(_ node: NodeID, tree: SyntaxTree, _ body: (NodeID) -> Void) {
        switch tree.kind(node) {
        case .call:
            body(node)
            for child in tree.children(node) { visit(child, tree: tree, body) }
        case .function, .typeDecl:
            for child in tree.children(node) {
                switch tree.kind(child) {
                case .attribute, .argument: visit(child, tree: tree, body)
                case .parameter: visitDefaultValue(of: child, tree: tree, body)
                default: break
                }
            }
        case .closure:
            for child in tree.children(node) where tree.kind(child) == .parameter {
                visitDefaultValue(of: child, tree: tree, body)
            }
        default:
            for child in tree.children(node) { visit(child, tree: tree, body) }
        }
    }

    private static func visitDefaultValue(of parameter: NodeID, tree: SyntaxTree, _ body: (NodeID) -> Void) {
        for child in tree.children(parameter) where tree.kind(child) != .typeAnnotation {
            visit(child, tree: tree, body)
        }
    }
}
