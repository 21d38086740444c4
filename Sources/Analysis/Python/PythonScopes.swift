import LightSyntax

/// What one binding site binds a name to.
enum PythonBindingKind: Sendable {
    /// `import a.b as c`, `from a import b`: the qualified name of what was imported.
    case imported(String)
    /// `def` / `async def` (the `function` node).
    case function(NodeID)
    /// `class` (the `typeDecl` node).
    case classDef(NodeID)
    /// `x = value`, `(x := value)`, `with value as x`: the value expression.
    case assigned(NodeID)
    /// A parameter (the `parameter` node).
    case parameter(NodeID)
    /// Bound to something we cannot follow (a loop target, a tuple element, `except … as e`).
    case opaque
}

struct PythonBinding: Sendable {
    var kind: PythonBindingKind
    /// The byte offset from which the binding holds (after its value is evaluated).
    var position: Int32
}

/// One Python scope: the module, a function or lambda, or a class body. Comprehensions are not
/// scopes of their own here: the tree does not say which of their children are targets.
struct PythonScope: Sendable {
    enum Kind: Sendable { case module, function, classBody }
    var kind: Kind
    var node: NodeID
    var parent: Int
    var bindings: [Symbol: [PythonBinding]] = [:]
    var globals: Set<Symbol> = []
    var nonlocals: Set<Symbol> = []
}

/// Every scope of a file and its bindings, in source order per name: the semantic model the
/// Python rules resolve names against.
struct PythonScopes: Sendable {
    private(set) var scopes: [PythonScope] = []
    /// The scope a `function`, `closure` or `typeDecl` node opens.
    private(set) var scopeOpenedBy: [NodeID: Int] = [:]
    /// Modules of `from m import *` at module level, in source order.
    private(set) var starImports: [String] = []
    /// `name` nodes that are written to, not read (assignment targets and the like).
    private(set) var storedNames: Set<NodeID> = []

    static let moduleScope = 0

    init(tree: SyntaxTree) {
        scopes.append(PythonScope(kind: .module, node: tree.root, parent: -1))
        scopeOpenedBy[tree.root] = Self.moduleScope
        let builder = ScopeBuilder(tree: tree)
        builder.visitChildren(of: tree.root, in: Self.moduleScope, model: &self)
    }

    subscript(index: Int) -> PythonScope { scopes[index] }

    /// The scope in which `node` is evaluated: decorators, default values and annotations of a
    /// function belong to the scope around it, its body to its own.
    func scope(containing node: NodeID, in tree: SyntaxTree) -> Int {
        var previous = node
        var current = tree[node].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .function, .typeDecl:
                if tree.kind(previous) == .block, let s = scopeOpenedBy[current] { return s }
            case .closure:
                if tree.kind(previous) != .parameter, let s = scopeOpenedBy[current] { return s }
            default:
                break
            }
            previous = current
            current = tree[current].parent
        }
        return Self.moduleScope
    }

    /// The scope holding the bindings a use of `symbol` in `scope` sees (Python's LEGB rule:
    /// class bodies are skipped from nested scopes), with the bindings, or nil when unbound.
    func lookup(_ symbol: Symbol, from scope: Int) -> (scope: Int, bindings: [PythonBinding])? {
        var s = scope
        var isUseScope = true
        while s >= 0 {
            let sc = scopes[s]
            if sc.globals.contains(symbol) {
                return scopes[Self.moduleScope].bindings[symbol].map { (Self.moduleScope, $0) }
            }
            if !sc.nonlocals.contains(symbol), isUseScope || sc.kind != .classBody, let b = sc.bindings[symbol] {
                return (s, b)
            }
            isUseScope = false
            s = sc.parent
        }
        return nil
    }

    fileprivate mutating func openScope(_ kind: PythonScope.Kind, node: NodeID, parent: Int) -> Int {
        scopes.append(PythonScope(kind: kind, node: node, parent: parent))
        scopeOpenedBy[node] = scopes.count - 1
        return scopes.count - 1
    }

    fileprivate mutating func bind(_ symbol: Symbol, _ binding: PythonBinding, in scope: Int) {
        if symbol.isNone { return }
        var target = scope
        if scopes[scope].globals.contains(symbol) {
            target = Self.moduleScope
        } else if scopes[scope].nonlocals.contains(symbol) {
            // `nonlocal x` rebinds the nearest enclosing function's x.
            var s = scopes[scope].parent
            while s > Self.moduleScope && (scopes[s].kind != .function || scopes[s].bindings[symbol] == nil) {
                s = scopes[s].parent
            }
            target = max(s, Self.moduleScope)
        }
        scopes[target].bindings[symbol, default: []].append(binding)
    }

    fileprivate mutating func declare(_ symbol: Symbol, global: Bool, in scope: Int) {
        if global { scopes[scope].globals.insert(symbol) } else { scopes[scope].nonlocals.insert(symbol) }
    }

    fileprivate mutating func addStarImport(_ module: String) { starImports.append(module) }
    fileprivate mutating func markStored(_ name: NodeID) { storedNames.insert(name) }
}

/// Walks the tree once and records every binding in its scope.
private struct ScopeBuilder {
    let tree: SyntaxTree

    func visitChildren(of node: NodeID, in scope: Int, model: inout PythonScopes) {
        for child in tree.children(node) { visit(child, in: scope, model: &model) }
    }

    func visit(_ node: NodeID, in scope: Int, model: inout PythonScopes) {
        let n = tree[node]
        switch n.kind {
        case .function:
            var body: NodeID?
            var parameters: [NodeID] = []
            for child in tree.children(node) {
                switch tree.kind(child) {
                case .block: body = child
                case .parameter:
                    parameters.append(child)
                    visitChildren(of: child, in: scope, model: &model)   // annotation, default value
                default: visit(child, in: scope, model: &model)           // decorators, return annotation
                }
            }
            let inner = model.openScope(.function, node: node, parent: scope)
            for p in parameters { model.bind(tree[p].name, PythonBinding(kind: .parameter(p), position: n.start), in: inner) }
            if let body { visit(body, in: inner, model: &model) }
            model.bind(n.name, PythonBinding(kind: .function(node), position: n.end), in: scope)
        case .closure:
            let inner = model.openScope(.function, node: node, parent: scope)
            for child in tree.children(node) {
                if tree.kind(child) == .parameter {
                    visitChildren(of: child, in: scope, model: &model)
                    model.bind(tree[child].name, PythonBinding(kind: .parameter(child), position: n.start), in: inner)
                } else {
                    visit(child, in: inner, model: &model)
                }
            }
        case .typeDecl:
            var body: NodeID?
            for child in tree.children(node) {
                if tree.kind(child) == .block { body = child } else { visit(child, in: scope, model: &model) }
            }
            let inner = model.openScope(.classBody, node: node, parent: scope)
            if let body { visit(body, in: inner, model: &model) }
            model.bind(n.name, PythonBinding(kind: .classDef(node), position: n.end), in: scope)
        case .importStatement:
            let module = tree.name(node) ?? ""
            let isFrom = n.flags.contains(.isFrom)
            for item in tree.children(node) where tree.kind(item) == .importName {
                guard let imported = tree.name(item) else { continue }
                let alias = tree[item].detail
                let end = tree[item].end
                if isFrom {
                    if imported == "*" {
                        if scope == PythonScopes.moduleScope { model.addStarImport(module) }
                        continue
                    }
                    let qualified = module.hasSuffix(".") ? module + imported : module + "." + imported
                    let bound = alias.isNone ? tree[item].name : alias
                    model.bind(bound, PythonBinding(kind: .imported(qualified), position: end), in: scope)
                } else if !alias.isNone {
                    model.bind(alias, PythonBinding(kind: .imported(imported), position: end), in: scope)
                } else {
                    // `import a.b.c` binds `a`, the top-level package.
                    let root = String(imported.prefix { $0 != "." })
                    if let symbol = tree.symbols.lookup(root) {
                        model.bind(symbol, PythonBinding(kind: .imported(root), position: end), in: scope)
                    }
                }
            }
        case .scopeDeclaration:
            let isGlobal = tree.detail(node) == "global"
            for child in tree.children(node) where tree.kind(child) == .name {
                model.declare(tree[child].name, global: isGlobal, in: scope)
            }
        case .assignment:
            let kids = tree.childArray(node)
            let isAugmented = n.flags.contains(.augmented)
            var value: NodeID?
            if let last = kids.last, kids.count >= 2, tree.kind(last) != .typeAnnotation { value = last }
            for child in kids {
                if child == value || tree.kind(child) == .typeAnnotation || isAugmented {
                    visit(child, in: scope, model: &model)
                } else {
                    bindTarget(child, value: value, position: n.end, in: scope, model: &model)
                }
            }
        case .binding:
            // Python: walrus (`detail` walrus, value child) or `except … as name`.
            if let value = tree.lastChild(node), tree.detail(node) == "walrus" {
                visit(value, in: scope, model: &model)
                model.bind(n.name, PythonBinding(kind: .assigned(value), position: n.end), in: scope)
            } else {
                visitChildren(of: node, in: scope, model: &model)
                model.bind(n.name, PythonBinding(kind: .opaque, position: n.start), in: scope)
            }
        case .with:
            let isAsync = n.flags.contains(.isAsync)
            for child in tree.children(node) {
                guard tree.kind(child) == .withItem else {
                    visit(child, in: scope, model: &model)
                    continue
                }
                let parts = tree.childArray(child)
                if let context = parts.first { visit(context, in: scope, model: &model) }
                if parts.count >= 2 {
                    // A sync context manager of the catalogue's types returns itself from
                    // `__enter__`; what an async one yields is not tracked.
                    bindTarget(parts[1], value: isAsync ? nil : parts[0], position: tree[child].end, in: scope,
                               model: &model)
                }
            }
        case .opaque where tree.detail(node) == "for":
            var isFirst = true
            for child in tree.children(node) {
                if isFirst {
                    bindTarget(child, value: nil, position: tree[child].start, in: scope, model: &model)
                    isFirst = false
                } else {
                    visit(child, in: scope, model: &model)
                }
            }
        default:
            visitChildren(of: node, in: scope, model: &model)
        }
    }

    /// Records the names an assignment target binds; a plain name gets the value, names inside
    /// a tuple or list are opaque. Attribute and subscript targets bind nothing.
    func bindTarget(_ target: NodeID, value: NodeID?, position: Int32, in scope: Int, model: inout PythonScopes) {
        switch tree.kind(target) {
        case .name:
            model.markStored(target)
            let kind: PythonBindingKind = value.map { .assigned($0) } ?? .opaque
            model.bind(tree[target].name, PythonBinding(kind: kind, position: position), in: scope)
        case .opaque:
            let detail = tree.detail(target)
            if detail == "tuple" || detail == "list" || detail == "star" {
                for child in tree.children(target) {
                    bindTarget(child, value: nil, position: position, in: scope, model: &model)
                }
            } else {
                visit(target, in: scope, model: &model)
            }
        default:
            visit(target, in: scope, model: &model)
        }
    }
}
