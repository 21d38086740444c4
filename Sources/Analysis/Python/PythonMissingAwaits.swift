import LightSyntax

/// AL202: an expression statement that calls a coroutine function without `await`: the
/// coroutine is created and dropped, and its body never runs. In any context. Coroutine
/// functions are the catalogue's library coroutines (`asyncio.sleep`, `trio.sleep`, …, and
/// `coroutineMethods` of typed values such as `loop.sock_sendall`), this file's own
/// `async def` functions, and `self.method()` where the enclosing class defines
/// `async def method`. An `async def` that yields is an async generator, not a coroutine.
struct PythonMissingAwaitRule {
    let model: PythonSemanticModel
    private var tree: SyntaxTree { model.tree }

    init(model: PythonSemanticModel) {
        self.model = model
    }

    func check(into findings: inout PythonFindings) {
        // Per symbol: whether `receiver.name()` may be a coroutine method: the name of one of
        // this file's `async def`s or a catalogue type's coroutine method. Other member calls
        // (most of them) skip the receiver's class and type.
        let tree = self.tree
        var memberCandidates = [Bool](repeating: false, count: tree.symbols.count)
        for i in tree.allNodes where tree.nodes[i].kind == .function && tree.nodes[i].flags.contains(.isAsync) {
            let name = tree.nodes[i].name
            if !name.isNone { memberCandidates[Int(name.raw)] = true }
        }
        for name in model.catalogue.coroutineMethodNames {
            if let symbol = tree.symbols.lookup(name) { memberCandidates[Int(symbol.raw)] = true }
        }
        PythonUnawaitedUses.forEach(in: tree) { call, use in
            guard let callee = tree.firstChild(call) else { return }
            let scope = model.scopes.scope(containing: call, in: tree)
            guard let coroutine = coroutineName(callee: callee, in: scope, memberCandidates: memberCandidates) else { return }
            let written = tree.quotedCallee(ofCall: call)
            let what = written == coroutine ? "`\(written)(...)`" : "`\(written)(...)` (`\(coroutine)`)"
            let text = Self.findingText(what, written: written, use, inAsyncFunction: isInAsyncFunction(call))
            findings.report("AL202", at: call, message: text.message, help: text.help)
        }
        // `loop.call_soon(self.refresh)` or `loop.call_soon(lambda: self.refresh())` with an
        // `async def refresh`: the loop calls it and drops the coroutine.
        PythonLoopCallbacks.forEach(in: model) { call, callback, scope in
            var made = callback
            if tree.kind(callback) == .closure {
                guard let body = PythonLoopCallbacks.lambdaBody(callback, in: tree), tree.kind(body) == .call,
                      let callee = tree.firstChild(body) else { return }
                made = callee
            }
            let calleeScope = tree.kind(callback) == .closure ? (model.scopes.scopeOpenedBy[callback] ?? scope) : scope
            guard let coroutine = coroutineName(callee: made, in: calleeScope, memberCandidates: memberCandidates) else { return }
            let written = tree.calleeText(made, unknown: "(…)", elidingArguments: true)
            let text = PythonLoopCallbacks.droppedCoroutineText(written: written, coroutine: coroutine,
                                                                scheduler: tree.quotedCallee(ofCall: call),
                                                                inLambda: tree.kind(callback) == .closure)
            findings.report("AL202", at: tree.kind(callback) == .closure ? tree[made].parent : callback,
                            message: text.message, help: text.help)
        }
    }

    /// Whether a node runs in an `async def` (not in a nested `def` or `lambda` there).
    private func isInAsyncFunction(_ node: NodeID) -> Bool {
        var around = tree[node].parent
        while !around.isNone, tree.kind(around) != .function, tree.kind(around) != .closure { around = tree[around].parent }
        return !around.isNone && tree.kind(around) == .function && tree[around].flags.contains(.isAsync)
    }

    /// The finding's message and help, for the callee as quoted (`what`: `` `job(...)` ``,
    /// with the coroutine's name when it differs) and as written. Outside an `async def`,
    /// `await` is no fix (a syntax error there): the coroutine must be run.
    static func findingText(_ what: String, written: String, _ use: PythonUnawaitedUses.Use,
                            inAsyncFunction: Bool) -> (message: String, help: String) {
        if !inAsyncFunction {
            return ("\(what) creates a coroutine that is never awaited, so its body never runs",
                    "Run the coroutine: `asyncio.run(\(written)(...))` where the program starts; in code the running loop "
                        + "calls (a callback, a protocol method), `asyncio.create_task(\(written)(...))`, keeping a reference to "
                        + "the task; or make this function `async def` and `await \(written)(...)`.")
        }
        switch use {
        case .discarded:
            return ("\(what) creates a coroutine that is never awaited, so its body never runs; add `await`",
                    "Add `await` (`await \(written)(...)`), or hand the coroutine to `asyncio.create_task(...)` or a task group to run it concurrently.")
        case .truthTested:
            return ("\(what) creates a coroutine, which is always true as a condition, and its body never runs; add `await`",
                    "Test the awaited result: `if await \(written)(...):`.")
        }
    }

    /// The coroutine function a callee denotes, by name, or nil.
    private func coroutineName(callee: NodeID, in scope: Int, memberCandidates: [Bool]) -> String? {
        let at = tree[callee].start
        if let q = model.qualifiedName(ofCallee: callee, in: scope), model.catalogue.coroutines.contains(q) { return q }
        if case .function(let f) = model.resolve(expression: callee, in: scope, at: at), isCoroutineFunction(f) {
            return tree.name(f)
        }
        guard tree.kind(callee) == .member, !tree[callee].name.isNone, Int(tree[callee].name.raw) < memberCandidates.count,
              memberCandidates[Int(tree[callee].name.raw)], let method = tree.name(callee), let base = tree.firstChild(callee)
        else {
            return nil
        }
        if let cls = classNamed(by: base, in: scope, at: at), let owner = asyncMethodOwner(tree[callee].name, of: cls) {
            return "\(tree.name(owner) ?? "?").\(method)"
        }
        if let t = model.valueType(of: base, in: scope, at: at), model.catalogue[t].coroutineMethods.contains(method) {
            return method
        }
        return nil
    }

    /// The class of this file a receiver stands for or is an instance of: `self` in a method,
    /// `cls` in a `classmethod`, the class's own name (`Client.connect`), a new instance
    /// (`Client().connect`), or a variable holding one (`client = Client()`, `client: Client`).
    private func classNamed(by receiver: NodeID, in scope: Int, at position: Int32) -> NodeID? {
        if tree.kind(receiver) == .call, let constructor = tree.firstChild(receiver),
           case .classDef(let cls) = model.resolve(expression: constructor, in: scope, at: tree[constructor].start) {
            return cls
        }
        // `super().close()`: the base's method (a base in another file is the index's).
        if case .classDef(let base)? = model.superclass(ofSuperCall: receiver, in: scope) { return base }
        guard tree.kind(receiver) == .name else { return nil }
        let name = receiver
        if let cls = model.classOfSelf(name, in: scope) { return cls }
        if let cls = model.instanceClass(of: name, in: scope) { return cls }
        if case .classDef(let cls) = model.resolve(tree[name].name, in: scope, at: position) { return cls }
        guard let (_, bindings) = model.scopes.lookup(tree[name].name, from: scope), bindings.count == 1,
              case .parameter(let parameter) = bindings[0].kind else { return nil }
        let method = tree[parameter].parent
        guard tree.kind(method) == .function, tree.firstChild(method, ofKind: .parameter) == parameter,
              tree.children(method).contains(where: { tree.kind($0) == .attribute && tree.name($0) == "classmethod" })
        else { return nil }
        let block = tree[method].parent
        guard !block.isNone, tree.kind(block) == .block else { return nil }
        let cls = tree[block].parent
        return !cls.isNone && tree.kind(cls) == .typeDecl ? cls : nil
    }

    /// Whether every definition of `method` in the class body is a coroutine function; a class
    /// that does not define it inherits it from its bases of this file (the project index sees
    /// the bases in other files).
    /// Returns the class that defines it.
    private func asyncMethodOwner(_ method: Symbol, of cls: NodeID) -> NodeID? {
        guard let found = inheritedDefinition(of: method, in: cls, depth: 0), found.isCoroutine else { return nil }
        return found.owner
    }

    /// Whether `method`, as `cls` has it, is a coroutine function, and the class that defines
    /// it; nil when it is not found.
    /// The bases are searched in order, depth first (the MRO of single inheritance and of the
    /// usual mixins); a base that is no class of this file may define the method itself, so
    /// reaching one ends the search unanswered.
    private func inheritedDefinition(of method: Symbol, in cls: NodeID, depth: Int) -> (isCoroutine: Bool, owner: NodeID)? {
        guard let classScope = model.scopes.scopeOpenedBy[cls] else { return nil }
        if let bindings = model.scopes.bindings(of: method, in: classScope), !bindings.isEmpty {
            let isCoroutine = bindings.allSatisfy { b in
                if case .function(let f) = b.kind { return isCoroutineFunction(f) }
                return false
            }
            return (isCoroutine, cls)
        }
        guard depth < 16 else { return nil }
        for resolved in model.resolvedBases(of: cls) {
            switch resolved {
            case .classDef(let base):
                if base == cls { return nil }
                if let found = inheritedDefinition(of: method, in: base, depth: depth + 1) { return found }
            case .unbound(let name) where name == "object":
                continue
            default:
                return nil
            }
        }
        return nil
    }

    /// An `async def` that does not yield, and whose decorators (if any) are known to keep it
    /// a coroutine function: an unknown decorator may wrap it into anything (textual's `@work`
    /// returns a worker, tornado's `@gen_test` runs it to completion). A sync `def` is one when
    /// an offload decorator made it so (`syncDecoration`).
    func isCoroutineFunction(_ f: NodeID) -> Bool {
        guard tree[f].flags.contains(.isAsync) else { return syncDecoration(of: f) == .offloaded }
        guard let body = tree.firstChild(f, ofKind: .block) else { return false }
        var transparent = true
        forEachDecorator(of: f) { name in
            transparent = name.map(model.catalogue.transparentDecorators.contains) ?? false
            return transparent
        }
        return transparent && !yields(body)
    }

    /// What the decorators make of a sync `def`, decided by the outermost one that is not
    /// transparent.
    enum SyncDecoration {
        /// None, or only transparent ones.
        case plain
        /// One of the catalogue's `offloadDecorators` (`@sync_to_async`): the name holds a
        /// coroutine function that runs the body in a thread.
        case offloaded
        /// Any other: what a call returns, and when the body runs, are the decorator's business.
        case wrapped
    }

    func syncDecoration(of f: NodeID) -> SyncDecoration {
        var decoration = SyncDecoration.plain
        forEachDecorator(of: f) { name in
            guard let name else { decoration = .wrapped; return false }
            if model.catalogue.offloadDecorators.contains(name) { decoration = .offloaded; return false }
            if model.catalogue.transparentDecorators.contains(name) { return true }
            decoration = .wrapped
            return false
        }
        return decoration
    }

    /// Each decorator's qualified name, outermost first (nil when it is no name the model
    /// resolves), while `body` returns true. `@sync_to_async(thread_sensitive=False)` is the
    /// decorator its call returns: it is named by the callee.
    private func forEachDecorator(of f: NodeID, _ body: (String?) -> Bool) {
        // Asked of every `def` the project index summarizes: the scope only for a decorator.
        var scope: Int?
        for decorator in tree.children(f) where tree.kind(decorator) == .attribute {
            guard var expression = tree.firstChild(decorator) else {
                if !body(nil) { return }
                continue
            }
            if tree.kind(expression) == .call, let callee = tree.firstChild(expression) { expression = callee }
            let around = scope ?? model.scopes.scope(containing: f, in: tree)
            scope = around
            let name: String?
            switch model.resolve(expression: expression, in: around, at: tree[expression].start) {
            case .qualified(let q), .unbound(let q): name = q
            default: name = nil
            }
            if !body(name) { return }
        }
    }

    /// Whether a function body yields (outside nested functions, lambdas and classes).
    private func yields(_ body: NodeID) -> Bool {
        var stack = [body]
        while let node = stack.popLast() {
            for child in tree.children(node) {
                switch tree.kind(child) {
                case .function, .closure, .typeDecl: continue
                case .opaque:
                    let detail = tree.detail(child)
                    if detail == "yield" || detail == "yieldFrom" { return true }
                default: break
                }
                stack.append(child)
            }
        }
        return false
    }
}
