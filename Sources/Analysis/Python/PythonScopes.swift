import LightSyntax

/// What one binding site binds a name to.
enum PythonBindingKind: Sendable {
    /// `import a.b as c`, `from a import b`: the qualified name of what was imported, by its
    /// index in `PythonScopes.importedNames` (a number keeps a binding free of references,
    /// so the walk copies and frees bindings without reference counting).
    case imported(Int32)
    /// `def` / `async def` (the `function` node).
    case function(NodeID)
    /// `class` (the `typeDecl` node).
    case classDef(NodeID)
    /// `x = value`, `(x := value)`, `with value as x`: the value expression.
    case assigned(NodeID)
    /// `async with value as x`: what `__aenter__` returns, which is the value itself only for
    /// the catalogue's types that say so (`httpx.AsyncClient`; an `asyncio.Lock` yields `None`).
    case asyncEntered(NodeID)
    /// A parameter (the `parameter` node).
    case parameter(NodeID)
    /// One name of a tuple target, `conn, addr = value`: the value and the name's index.
    case unpacked(NodeID, index: Int)
    /// Bound to something we cannot follow (a loop target, a tuple element, `except … as e`).
    case opaque
}

struct PythonBinding: Sendable {
    var kind: PythonBindingKind
    /// The binding's serial number in its file (`PythonScopes.bindingCount` of them): the
    /// semantic model memoizes resolutions in a flat array by it.
    var id: Int32 = -1
    /// The byte offset from which the binding holds (after its value is evaluated).
    var position: Int32
    /// The node that binds (a target name, a `def`, an import name): its enclosing block says
    /// which later code the binding certainly reaches.
    var site: NodeID
}

/// One Python scope: the module, a function or lambda, a class body, or a comprehension (whose
/// `for` targets are its own; its first iterable is evaluated outside it).
struct PythonScope: Sendable {
    enum Kind: Sendable { case module, function, classBody, comprehension }
    var kind: Kind
    var node: NodeID
    var parent: Int
    /// A comprehension's first iterable (kept here, not in an array by node id: that was four
    /// bytes for every node of the file).
    var firstIterable = NodeID.none
    /// Per name, where its bindings are in `PythonScopes.allBindings` (read them through
    /// `PythonScopes.bindings(of:in:)`).
    fileprivate(set) var runs = SymbolMap<BindingRun>()
    var globals: Set<Symbol> = []
    var nonlocals: Set<Symbol> = []
    /// Names whose bindings here are not in nondecreasing `position` order (rare): resolution
    /// may binary-search the others.
    var unorderedBindings: Set<Symbol> = []
}

/// Every scope of a file and its bindings, in source order per name: the semantic model the
/// Python rules resolve names against.
struct PythonScopes: Sendable {
    private(set) var scopes: [PythonScope] = []
    /// The scope a `function`, `closure` or `typeDecl` node (or a comprehension) opens.
    private(set) var scopeOpenedBy: ScopeByNode
    /// Modules of `from m import *` at module level, in source order.
    private(set) var starImports: [String] = []
    /// `name` nodes that are written to, not read (assignment targets and the like).
    private(set) var storedNames: NodeSet
    /// A comprehension's first iterable, which belongs to the scope around it.
    func comprehensionFirstIterable(_ comprehension: NodeID) -> NodeID? {
        guard let s = scopeOpenedBy[comprehension], !scopes[s].firstIterable.isNone else { return nil }
        return scopes[s].firstIterable
    }
    /// How many bindings the file has (their `id`s are 0..<bindingCount).
    var bindingCount: Int { allBindings.count }
    /// Every binding of the file, each name's in one run in source order (while the walk runs,
    /// in the order they were made, chained by `nextInRun`).
    private var allBindings: [PythonBinding] = []
    private var nextInRun: [Int32] = []
    /// The qualified names of `.imported` bindings.
    private(set) var importedNames: [String] = []

    static let moduleScope = 0

    init(tree: SyntaxTree) {
        scopeOpenedBy = ScopeByNode(count: tree.nodes.count)
        storedNames = NodeSet(count: tree.nodes.count)
        scopes.append(PythonScope(kind: .module, node: tree.root, parent: -1))
        scopeOpenedBy[tree.root] = Self.moduleScope
        let builder = ScopeBuilder(tree: tree)
        builder.visitChildren(of: tree.root, in: Self.moduleScope, model: &self)
        gatherRuns()
    }

    /// Moves each name's bindings next to each other: every run becomes a slice of one array,
    /// instead of an array per name and scope, made and freed for every file.
    private mutating func gatherRuns() {
        var gathered: [PythonBinding] = []
        gathered.reserveCapacity(allBindings.count)
        for s in scopes.indices {
            for i in 0..<scopes[s].runs.count {
                let run = scopes[s].runs.values[i]
                let start = Int32(gathered.count)
                var b = run.first
                while b >= 0 {
                    var binding = allBindings[Int(b)]
                    // The id numbers the binding's place now (the memo is by id).
                    binding.id = Int32(gathered.count)
                    gathered.append(binding)
                    b = nextInRun[Int(b)]
                }
                scopes[s].runs.setValue(BindingRun(first: start, last: start + run.count - 1, count: run.count), at: i)
            }
        }
        allBindings = gathered
        nextInRun = []
    }

    /// The bindings of `symbol` in `scope` itself, in source order, or nil.
    func bindings(of symbol: Symbol, in scope: Int) -> BindingList? {
        guard let run = scopes[scope].runs[symbol] else { return nil }
        return BindingList(storage: allBindings, start: Int(run.first), count: Int(run.count))
    }

    /// Every name bound in `scope`, with its bindings, in the order the names were first bound.
    func forEachName(in scope: Int, _ body: (Symbol, BindingList) -> Void) {
        let runs = scopes[scope].runs
        for i in 0..<runs.count {
            let run = runs.values[i]
            body(runs.keys[i], BindingList(storage: allBindings, start: Int(run.first), count: Int(run.count)))
        }
    }

    func importedName(_ index: Int32) -> String { importedNames[Int(index)] }

    fileprivate mutating func addImportedName(_ name: String) -> Int32 {
        importedNames.append(name)
        return Int32(importedNames.count - 1)
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
            case .opaque:
                if let s = scopeOpenedBy[current], comprehensionFirstIterable(current) != previous { return s }
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
    func lookup(_ symbol: Symbol, from scope: Int) -> (scope: Int, bindings: BindingList)? {
        var s = scope
        var isUseScope = true
        while s >= 0 {
            // `isEmpty` first: `global`/`nonlocal` are rare, and an empty Set still hashes.
            if !scopes[s].globals.isEmpty && scopes[s].globals.contains(symbol) {
                return bindings(of: symbol, in: Self.moduleScope).map { (Self.moduleScope, $0) }
            }
            if scopes[s].nonlocals.isEmpty || !scopes[s].nonlocals.contains(symbol), isUseScope || scopes[s].kind != .classBody,
               let b = bindings(of: symbol, in: s) {
                return (s, b)
            }
            isUseScope = false
            s = scopes[s].parent
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
        if !scopes[scope].globals.isEmpty && scopes[scope].globals.contains(symbol) {
            target = Self.moduleScope
        } else if !scopes[scope].nonlocals.isEmpty && scopes[scope].nonlocals.contains(symbol) {
            // `nonlocal x` rebinds the nearest enclosing function's x.
            var s = scopes[scope].parent
            while s > Self.moduleScope && (scopes[s].kind != .function || scopes[s].runs[symbol] == nil) {
                s = scopes[s].parent
            }
            target = max(s, Self.moduleScope)
        }
        let id = Int32(truncatingIfNeeded: allBindings.count)
        allBindings.append(binding)
        nextInRun.append(-1)
        if let i = scopes[target].runs.index(of: symbol) {
            var run = scopes[target].runs.values[i]
            if binding.position < allBindings[Int(run.last)].position { scopes[target].unorderedBindings.insert(symbol) }
            nextInRun[Int(run.last)] = id
            run.last = id
            run.count += 1
            scopes[target].runs.setValue(run, at: i)
        } else {
            scopes[target].runs[symbol, default: BindingRun(first: id, last: id, count: 1)] = BindingRun(first: id, last: id, count: 1)
        }
    }

    /// Whether the bindings of `symbol` in `scope` are in nondecreasing `position` order.
    func bindingsAreOrdered(_ symbol: Symbol, in scope: Int) -> Bool {
        scopes[scope].unorderedBindings.isEmpty || !scopes[scope].unorderedBindings.contains(symbol)
    }

    fileprivate mutating func declare(_ symbol: Symbol, global: Bool, in scope: Int) {
        if global { scopes[scope].globals.insert(symbol) } else { scopes[scope].nonlocals.insert(symbol) }
    }

    fileprivate mutating func addStarImport(_ module: String) { starImports.append(module) }
    fileprivate mutating func setFirstIterable(_ iterable: NodeID, of comprehension: NodeID) {
        if let s = scopeOpenedBy[comprehension] { scopes[s].firstIterable = iterable }
    }

    /// Where a walrus binds: comprehensions are transparent to it.
    fileprivate func walrusScope(from scope: Int) -> Int {
        var s = scope
        while s > Self.moduleScope && scopes[s].kind == .comprehension { s = scopes[s].parent }
        return s
    }
    fileprivate mutating func markStored(_ name: NodeID) { storedNames.insert(name) }
}

/// Where one name's bindings in one scope are: while the walk runs, the first and last of a
/// chain in the order made; then a slice (`first`, `count`) of the gathered bindings.
struct BindingRun: Sendable {
    var first: Int32
    var last: Int32
    var count: Int32
}

/// One name's bindings in one scope, in source order: a slice of the file's gathered bindings,
/// indexed from 0.
struct BindingList: RandomAccessCollection, Sendable {
    let storage: [PythonBinding]
    let start: Int
    let count: Int
    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(i: Int) -> PythonBinding { storage[start + i] }
}

/// Which scope a node opens, if any: a flat array by node id (the walks ask for every node).
struct ScopeByNode: Sendable {
    private var scopes: [Int32]
    init(count: Int) { scopes = [Int32](repeating: -1, count: count) }
    subscript(node: NodeID) -> Int? {
        get {
            let s = scopes[Int(node.raw)]
            return s < 0 ? nil : Int(s)
        }
        set { scopes[Int(node.raw)] = Int32(truncatingIfNeeded: newValue ?? -1) }
    }
}

/// A set of a file's nodes: one flag per node id.
struct NodeSet: Sendable {
    private var flags: [Bool]
    init(count: Int) { flags = [Bool](repeating: false, count: count) }
    func contains(_ node: NodeID) -> Bool { flags[Int(node.raw)] }
    mutating func insert(_ node: NodeID) { flags[Int(node.raw)] = true }
}

/// A map from a file's symbols to values, in insertion order. Symbols are small dense
/// integers, so a multiplicative hash over open addressing replaces `Dictionary`'s SipHash,
/// which was the scope walk's and the resolver's largest single cost; most scopes hold a few
/// names and are scanned without any table.
struct SymbolMap<Value>: Sequence {
    private(set) var keys: [Symbol] = []
    private(set) var values: [Value] = []

    mutating func setValue(_ value: Value, at index: Int) { values[index] = value }
    /// Empty while `keys` is short enough to scan; else -1 (free) or an index into `keys`.
    private var slots: [Int32] = []
    private static var scanLimit: Int { 8 }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    @inline(__always) private static func hash(_ symbol: Symbol) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: symbol.raw)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    func index(of symbol: Symbol) -> Int? {
        if slots.isEmpty {
            var i = 0
            while i < keys.count {
                if keys[i] == symbol { return i }
                i += 1
            }
            return nil
        }
        let mask = slots.count - 1
        var slot = Self.hash(symbol) & mask
        while true {
            let s = slots[slot]
            if s < 0 { return nil }
            if keys[Int(s)] == symbol { return Int(s) }
            slot = (slot + 1) & mask
        }
    }

    subscript(symbol: Symbol) -> Value? {
        guard let i = index(of: symbol) else { return nil }
        return values[i]
    }

    subscript(symbol: Symbol, default value: @autoclosure () -> Value) -> Value {
        get { index(of: symbol).map { values[$0] } ?? value() }
        _modify {
            let i = index(of: symbol) ?? insert(symbol, value())
            yield &values[i]
        }
    }

    private mutating func insert(_ symbol: Symbol, _ value: Value) -> Int {
        let i = keys.count
        // Room for a typical scope's names at once: growing from empty reallocated both arrays
        // several times per scope, and a file opens a scope per function, class and comprehension.
        if i == 0 {
            keys.reserveCapacity(Self.scanLimit)
            values.reserveCapacity(Self.scanLimit)
        }
        keys.append(symbol)
        values.append(value)
        if keys.count > Self.scanLimit {
            if slots.isEmpty || keys.count * 2 > slots.count {
                rehash(capacity: Swift.max(32, slots.count * 2))
            } else {
                place(i)
            }
        }
        return i
    }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: -1, count: capacity)
        for i in keys.indices { place(i) }
    }

    private mutating func place(_ i: Int) {
        let mask = slots.count - 1
        var slot = Self.hash(keys[i]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(truncatingIfNeeded: i)
    }

    struct Iterator: IteratorProtocol {
        let map: SymbolMap
        var i = 0
        mutating func next() -> (key: Symbol, value: Value)? {
            guard i < map.keys.count else { return nil }
            defer { i += 1 }
            return (map.keys[i], map.values[i])
        }
    }

    func makeIterator() -> Iterator { Iterator(map: self) }
}

extension SymbolMap: Sendable where Value: Sendable {
}

/// Walks the tree once and records every binding in its scope. The walk keeps its own stack
/// (operator chains in generated code nest 100 000 deep), in source order, so a `global`
/// declaration is seen before the bindings it redirects.
private struct ScopeBuilder {
    let tree: SyntaxTree
    /// The details the walk tells nodes by, as symbols: compared as numbers on every node.
    /// (A detail the file lacks gets a symbol no node carries.)
    let comprehension, generator, forLoop, walrus, global, tuple, list, star, pattern: Symbol

    init(tree: SyntaxTree) {
        self.tree = tree
        func symbol(_ text: String) -> Symbol { tree.symbols.lookup(text) ?? Symbol(raw: -2) }
        comprehension = symbol("comprehension")
        generator = symbol("generator")
        forLoop = symbol("for")
        walrus = symbol("walrus")
        global = symbol("global")
        tuple = symbol("tuple")
        list = symbol("list")
        star = symbol("star")
        pattern = symbol("pattern")
    }

    private enum Work {
        case visit(NodeID, scope: Int)
        /// An assignment target: a plain name gets `value`, names in a tuple or list are opaque.
        case bindTarget(NodeID, value: NodeID?, asyncEntered: Bool = false, position: Int32, scope: Int)
        case bind(Symbol, PythonBinding, scope: Int)
    }

    func visitChildren(of node: NodeID, in scope: Int, model: inout PythonScopes) {
        var stack: [Work] = tree.childArray(node).reversed().map { .visit($0, scope: scope) }
        stack.reserveCapacity(64)
        while let work = stack.popLast() {
            // A node's follow-up work is appended in source order right onto the stack, then
            // turned around in place, so that it is popped in source order (no buffer between).
            let base = stack.count
            switch work {
            case .bind(let symbol, let binding, let scope):
                model.bind(symbol, binding, in: scope)
            case .bindTarget(let target, let value, let asyncEntered, let position, let scope):
                bindTarget(target, value: value, asyncEntered: asyncEntered, position: position, scope: scope,
                           next: &stack, model: &model)
            case .visit(let node, let scope):
                visit(node, in: scope, next: &stack, model: &model)
            }
            var low = base, high = stack.count - 1
            while low < high {
                stack.swapAt(low, high)
                low += 1
                high -= 1
            }
        }
    }

    private func visit(_ node: NodeID, in scope: Int, next: inout [Work], model: inout PythonScopes) {
        let n = tree[node]
        switch n.kind {
        case .function:
            var body: NodeID?
            for child in tree.children(node) {
                switch tree.kind(child) {
                case .block: body = child
                case .parameter:
                    // Annotation and default value belong to the scope around the function.
                    for part in tree.children(child) { next.append(.visit(part, scope: scope)) }
                default: next.append(.visit(child, scope: scope))   // decorators, return annotation
                }
            }
            let inner = model.openScope(.function, node: node, parent: scope)
            // The parameters, in order (a second pass: no array per function).
            for p in tree.children(node) where tree.kind(p) == .parameter {
                model.bind(tree[p].name, PythonBinding(kind: .parameter(p), position: n.start, site: p), in: inner)
            }
            if let body { next.append(.visit(body, scope: inner)) }
            next.append(.bind(n.name, PythonBinding(kind: .function(node), position: n.end, site: node), scope: scope))
        case .closure:
            let inner = model.openScope(.function, node: node, parent: scope)
            for child in tree.children(node) {
                if tree.kind(child) == .parameter {
                    for part in tree.children(child) { next.append(.visit(part, scope: scope)) }
                    model.bind(tree[child].name, PythonBinding(kind: .parameter(child), position: n.start, site: child), in: inner)
                } else {
                    next.append(.visit(child, scope: inner))
                }
            }
        case .typeDecl:
            var body: NodeID?
            for child in tree.children(node) {
                if tree.kind(child) == .block { body = child } else { next.append(.visit(child, scope: scope)) }
            }
            let inner = model.openScope(.classBody, node: node, parent: scope)
            if let body { next.append(.visit(body, scope: inner)) }
            next.append(.bind(n.name, PythonBinding(kind: .classDef(node), position: n.end, site: node), scope: scope))
        case .importStatement:
            bindImports(node, in: scope, model: &model)
        case .scopeDeclaration:
            let isGlobal = n.detail == global
            for child in tree.children(node) where tree.kind(child) == .name {
                model.declare(tree[child].name, global: isGlobal, in: scope)
            }
        case .assignment:
            let isAugmented = n.flags.contains(.augmented)
            var value: NodeID?
            // At least two children, the last no annotation: the last is the value.
            if let last = tree.lastChild(node), n.firstChild != last, tree.kind(last) != .typeAnnotation { value = last }
            // The value is evaluated before the targets are bound.
            if let value { next.append(.visit(value, scope: scope)) }
            var child = n.firstChild
            while !child.isNone {
                if child != value {
                    if tree.kind(child) == .typeAnnotation || isAugmented {
                        next.append(.visit(child, scope: scope))
                    } else {
                        next.append(.bindTarget(child, value: value, position: n.end, scope: scope))
                    }
                }
                child = tree[child].nextSibling
            }
        case .binding:
            // Python: walrus (`detail` walrus, value child) or `except … as name`.
            if let value = tree.lastChild(node), n.detail == walrus {
                next.append(.visit(value, scope: scope))
                next.append(.bind(n.name, PythonBinding(kind: .assigned(value), position: n.end, site: node),
                                  scope: model.walrusScope(from: scope)))
            } else {
                for child in tree.children(node) { next.append(.visit(child, scope: scope)) }
                next.append(.bind(n.name, PythonBinding(kind: .opaque, position: n.start, site: node), scope: scope))
            }
        case .with:
            let isAsync = n.flags.contains(.isAsync)
            for child in tree.children(node) {
                guard tree.kind(child) == .withItem else {
                    next.append(.visit(child, scope: scope))
                    continue
                }
                let parts = tree.childArray(child)
                if let context = parts.first { next.append(.visit(context, scope: scope)) }
                if parts.count >= 2 {
                    // A sync context manager of the catalogue's types returns itself from
                    // `__enter__`; an async one only when its type says so.
                    next.append(.bindTarget(parts[1], value: parts[0], asyncEntered: isAsync,
                                            position: tree[child].end, scope: scope))
                }
            }
        case .opaque where n.detail == comprehension || n.detail == generator:
            let parts = tree.comprehensionParts(node)
            guard let firstIterable = parts.iterables.first else {
                for child in tree.children(node) { next.append(.visit(child, scope: scope)) }
                return
            }
            next.append(.visit(firstIterable, scope: scope))
            let inner = model.openScope(.comprehension, node: node, parent: scope)
            model.setFirstIterable(firstIterable, of: node)
            for target in parts.targets {
                next.append(.bindTarget(target, value: nil, position: n.start, scope: inner))
            }
            for child in parts.elements + parts.iterables.dropFirst() + parts.conditions {
                next.append(.visit(child, scope: inner))
            }
        case .opaque where n.detail == pattern:
            // `case {"time": time}:`: each capture binds its name (the parser keeps only
            // captures, never a dotted value pattern or a class pattern's name).
            for child in tree.children(node) where tree.kind(child) == .name {
                next.append(.bindTarget(child, value: nil, position: n.end, scope: scope))
            }
        case .opaque where n.detail == forLoop:
            var isFirst = true
            for child in tree.children(node) {
                if isFirst {
                    next.append(.bindTarget(child, value: nil, position: tree[child].start, scope: scope))
                    isFirst = false
                } else {
                    next.append(.visit(child, scope: scope))
                }
            }
        default:
            var child = n.firstChild
            while !child.isNone {
                let c = tree[child]
                // A leaf name or literal binds nothing and holds nothing: not worth a visit
                // (they are most of the nodes).
                if !(c.firstChild.isNone && (c.kind == .name || c.kind == .literal || c.kind == .stringLiteral)) {
                    next.append(.visit(child, scope: scope))
                }
                child = c.nextSibling
            }
        }
    }

    private func bindImports(_ node: NodeID, in scope: Int, model: inout PythonScopes) {
        let module = tree.name(node) ?? ""
        let isFrom = tree[node].flags.contains(.isFrom)
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
                model.bind(bound, PythonBinding(kind: .imported(model.addImportedName(qualified)), position: end, site: item),
                           in: scope)
            } else if !alias.isNone {
                model.bind(alias, PythonBinding(kind: .imported(model.addImportedName(imported)), position: end, site: item),
                           in: scope)
            } else {
                // `import a.b.c` binds `a`, the top-level package.
                let root = String(imported.prefix { $0 != "." })
                if let symbol = tree.symbols.lookup(root) {
                    model.bind(symbol, PythonBinding(kind: .imported(model.addImportedName(root)), position: end, site: item),
                               in: scope)
                }
            }
        }
    }

    private func bindTarget(_ target: NodeID, value: NodeID?, asyncEntered: Bool = false, position: Int32, scope: Int,
                            next: inout [Work], model: inout PythonScopes) {
        switch tree.kind(target) {
        case .name:
            model.markStored(target)
            let kind: PythonBindingKind = value.map { asyncEntered ? .asyncEntered($0) : .assigned($0) } ?? .opaque
            model.bind(tree[target].name, PythonBinding(kind: kind, position: position, site: target), in: scope)
        case .opaque:
            if tree[target].detail == tuple || tree[target].detail == list {
                for (index, child) in tree.children(target).enumerated() {
                    if let value, !asyncEntered, tree.kind(child) == .name {
                        model.markStored(child)
                        model.bind(tree[child].name, PythonBinding(kind: .unpacked(value, index: index), position: position, site: child),
                                   in: scope)
                    } else {
                        next.append(.bindTarget(child, value: nil, position: position, scope: scope))
                    }
                }
            } else if tree[target].detail == star {
                for child in tree.children(target) {
                    next.append(.bindTarget(child, value: nil, position: position, scope: scope))
                }
            } else {
                next.append(.visit(target, scope: scope))
            }
        default:
            // Attribute and subscript targets bind no name; their parts are reads.
            next.append(.visit(target, scope: scope))
        }
    }
}
