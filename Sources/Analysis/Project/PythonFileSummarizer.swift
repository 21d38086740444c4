import LightSyntax

/// Pass 1 for a Python file: its functions, classes, module imports and the calls that may reach
/// the project's own functions, from the same semantic model the per-file rules use (so a call
/// "blocks" exactly when AL101–AL107 would report it, and names resolve the same way).
/// A class, not a struct: the walk's closures mutate it, and a struct was copied on every call.
/// Its state skips the runtime's exclusivity check (one thread, no overlapping access; the
/// checks cost as much as the accesses on every call of the file).
final class PythonFileSummarizer {
    let model: PythonSemanticModel
    private let blocking: PythonBlockingCallRule
    private let tree: SyntaxTree
    private let coroutines: PythonMissingAwaitRule
    /// `__init__.py`: its relative imports start from the package itself.
    private let isPackage: Bool
    /// The namespace packages above the module (`ProjectLayout.namespacePrefix`): a relative
    /// import that climbs above its top package goes on through them.
    private let namespacePrefix: String
    @exclusivity(unchecked) private(set) var summary: FileSummary
    // By node id, -1 for none: flat arrays, as every function and call of the file is asked.
    @exclusivity(unchecked) private var functionIndex: [Int32]
    @exclusivity(unchecked) private var callIndex: [Int32]
    @exclusivity(unchecked) private var qualifiedNames: [StringID]
    /// Per symbol of the file, found out on first use: 0 not yet known, 1 a name the catalogue
    /// matches (a builtin, a method of a typed value, the last part of a catalogued qualified
    /// name), 2 not one. A file asks about a few callee names; the catalogue has hundreds.
    @exclusivity(unchecked) private var catalogueNames: [UInt8]
    /// Per string of the summary (by `StringID`), found out on first use: 0 not yet known,
    /// 1 a catalogued blocking API, 2 not one.
    @exclusivity(unchecked) private var catalogued: [UInt8] = []
    /// Per string of the summary: the id of its last dotted part, -1 not yet known.
    @exclusivity(unchecked) private var lastParts: [StringID] = []
    @exclusivity(unchecked) private var emptyString: StringID?
    @exclusivity(unchecked) private var moduleString: StringID?
    @exclusivity(unchecked) private var absoluteNames: [String: String?] = [:]
    /// By number of leading dots: the package they name (nil inside: not asked yet).
    @exclusivity(unchecked) private var packagesByDots: [String??] = []
    /// Per symbol of the file: its text's id in the summary, -1 not yet interned.
    @exclusivity(unchecked) private var symbolStrings: [StringID]
    /// Debug-only code (`PythonDebugRegions`): a sync function's calls there do not propagate.
    @exclusivity(unchecked) private var debugRegions = PythonDebugRegions()
    /// The names of the file's property getters (`@property`, `@cached_property`).
    @exclusivity(unchecked) private var propertyNames: Set<Symbol> = []

    init(model: PythonSemanticModel, path: String, module: String, namespacePrefix: String) {
        self.namespacePrefix = namespacePrefix
        self.model = model
        self.tree = model.tree
        self.blocking = PythonBlockingCallRule(model: model)
        self.coroutines = PythonMissingAwaitRule(model: model)
        self.isPackage = path.hasSuffix("__init__.py") || path.hasSuffix("__init__.pyi")
        self.summary = FileSummary(path: path, language: .python, module: module)
        summary.flavor = model.flavor
        let nodeCount = model.tree.nodes.count
        self.functionIndex = [Int32](repeating: -1, count: nodeCount)
        self.callIndex = [Int32](repeating: -1, count: nodeCount)
        self.qualifiedNames = [StringID](repeating: -1, count: nodeCount)
        self.catalogueNames = [UInt8](repeating: 0, count: model.tree.symbols.count)
        self.symbolStrings = [StringID](repeating: -1, count: model.tree.symbols.count)
        // A file's summary holds fewer strings than its tree has symbols (a third on the
        // Python corpus): half leaves some room without sizing for every symbol.
        summary.reserveStrings(model.tree.symbols.count / 2)
    }

    static func summarize(model: PythonSemanticModel, path: String, module: String, namespacePrefix: String = "") -> FileSummary {
        let summarizer = PythonFileSummarizer(model: model, path: path, module: module, namespacePrefix: namespacePrefix)
        summarizer.run()
        summarizer.summary.finish()
        return summarizer.summary
    }

    private func run() {
        let scopes = model.scopes
        scopes.forEachName(in: PythonScopes.moduleScope) { symbol, bindings in
            guard bindings.count == 1, case .imported(let q) = bindings[0].kind,
                  let absolute = absolute(scopes.importedName(q)) else { return }
            summary.moduleImports[summary.intern(tree.symbols.string(symbol))] = summary.intern(absolute)
        }
        // Module-level values of a catalogue type, when every assignment agrees (`x = None`
        // placeholders aside).
        scopes.forEachName(in: PythonScopes.moduleScope) { symbol, bindings in
            var agreed: ValueTypeID?
            var site: NodeID?
            for binding in bindings {
                guard case .assigned(let value) = binding.kind else { return }
                if tree.kind(value) == .literal { continue }
                guard let t = model.valueType(of: value, in: PythonScopes.moduleScope, at: tree[value].start),
                      agreed == nil || agreed == t else { return }
                agreed = t
                site = site ?? binding.site
            }
            if let agreed, let site {
                let at = tree.range(site).start
                summary.typedGlobals[summary.intern(tree.symbols.string(symbol))] = TypedGlobal(
                    type: summary.intern(model.catalogue[agreed].name), line: Int32(at.line), column: Int32(at.column))
            }
        }
        // One pass over the nodes for what the later steps need: the definitions, the `yield`s
        // (which make generator functions) and the `if` statements (debug-only code). Each
        // further pass over every node of the parsed files cost some 20 ms on the Python corpus.
        var generators: Set<Int32> = []
        var ifStatements: [NodeID] = []
        let yieldDetail = tree.symbols.lookup("yield"), yieldFromDetail = tree.symbols.lookup("yieldFrom")
        let ifDetail = tree.symbols.lookup("if")
        for i in tree.allNodes {
            let node = NodeID(i)
            switch tree.kind(node) {
            case .function: addFunction(node)
            case .typeDecl: addClass(node)
            case .opaque:
                let detail = tree.nodes[i].detail
                if detail == ifDetail {
                    ifStatements.append(node)
                } else if detail == yieldDetail || detail == yieldFromDetail, let f = enclosingFunction(of: node) {
                    generators.insert(f.raw)
                }
            default: break
            }
        }
        debugRegions = PythonDebugRegions(tree: tree, ifStatements: ifStatements)
        for i in tree.allNodes {
            let function = NodeID(i)
            guard tree.kind(function) == .function, case let caller = functionIndex[i], caller >= 0,
                  let block = tree.firstChild(function, ofKind: .block), let scope = scopes.scopeOpenedBy[function]
            else { continue }
            let isAsync = tree[function].flags.contains(.isAsync)
            // An offloaded `def` (`@sync_to_async`) runs in a thread: no async code, and no
            // blocking function either (its callers await a coroutine).
            if !isAsync && summary.functions[Int(caller)].isAsync { continue }
            // Calling a generator function runs none of its body (FastAPI's
            // `StreamingResponse(iterfile(path))` iterates it in a thread): only iterating what
            // it returns does. A decorated one may be run by its decorator (`@contextmanager`
            // runs it to the `yield` on `with`).
            if !isAsync && !summary.functions[Int(caller)].isWrapped && generators.contains(Int32(i)) {
                summary.functions[Int(caller)].isGenerator = true
            }
            PythonAsyncContexts.visit(block, scope: scope, tree: tree, scopes: scopes) { call, callScope in
                // What a sync function does only in debug mode is not how it runs.
                if !isAsync && !debugRegions.isEmpty && debugRegions.contains(call, in: tree) { return }
                let target = target(of: call, in: callScope)
                // A catalogued call: in a sync function it makes the function block; in an
                // async one AL101–AL107 report it already, so it is no AL110 candidate too
                // (the project may hold the library itself: the stdlib's `subprocess.run`).
                if mayBlock(call, target: target) {
                    if let match = blocking.match(call, in: callScope) {
                        let shown = match.qualifiedName ?? tree.quotedCallee(ofCall: call)
                        if !isAsync, summary.functions[Int(caller)].directBlocking == nil, match.api.propagates,
                           !PropagationExemptions.apis.contains(shown + "()") {
                            let at = tree.range(call).start
                            summary.functions[Int(caller)].directBlocking = BlockingCallSummary(
                                description: summary.intern(shown + "()"), line: Int32(at.line), column: Int32(at.column))
                        }
                        return
                    }
                }
                guard let target else { return }
                var role: CallSite.Role = isAsync ? .inAsyncContext : .propagates
                if isAsync && blocking.offloadReceivingResult(of: call, in: callScope) != nil { role.insert(.offloadArgument) }
                record(call, target: target, caller: caller, role: role, context: isAsync ? function : nil)
            }
        }
        recordLoopCallbacks()
        recordPropertyReads()
        // AL202 anywhere: a call whose value is thrown away, or only tested for truth.
        PythonUnawaitedUses.forEach(in: tree) { call, use in
            let role: CallSite.Role = use == .truthTested ? [.discardedValue, .truthTested] : .discardedValue
            let existing = Int(callIndex[Int(call.raw)])
            if existing >= 0 {
                summary.calls[existing].role.formUnion(role)
                summary.calls[existing].written = summary.intern(tree.quotedCallee(ofCall: call))
                return
            }
            let scope = scopes.scope(containing: call, in: tree)
            guard let target = target(of: call, in: scope) else { return }
            record(call, target: target, caller: -1, role: role, context: nil)
        }
    }

    /// The function a node runs in when that function runs: the nearest `def` around it, or
    /// nil inside a `lambda` (or at module level).
    private func enclosingFunction(of node: NodeID) -> NodeID? {
        var around = tree[node].parent
        while !around.isNone, tree.kind(around) != .function, tree.kind(around) != .closure { around = tree[around].parent }
        return !around.isNone && tree.kind(around) == .function ? around : nil
    }

    /// Reads of the file's properties through `self` (`self.settings`, `settings` a
    /// `@property` or `@cached_property` of the class or a base in the file): the getter runs
    /// right there, as a call of it would (AL110 when it blocks). Only a file that defines a
    /// property is walked; a setter's target (`self.settings = x`) is no read.
    private func recordPropertyReads() {
        guard !propertyNames.isEmpty else { return }
        for i in tree.allNodes where tree.nodes[i].kind == .member {
            let member = NodeID(i)
            let name = tree[member].name
            // (A node recorded already is a callback handed to the loop, not a read here.)
            guard !name.isNone, propertyNames.contains(name), callIndex[i] < 0, let base = tree.firstChild(member),
                  tree.kind(base) == .name, !isCalleeOrTarget(member) else { continue }
            // The function the read runs in: not a lambda's or nested def's later call.
            guard let around = enclosingFunction(of: member), case let caller = functionIndex[Int(around.raw)], caller >= 0
            else { continue }
            let isAsync = tree[around].flags.contains(.isAsync)
            if !isAsync && summary.functions[Int(caller)].isAsync { continue }
            if !isAsync && !debugRegions.isEmpty && debugRegions.contains(member, in: tree) { continue }
            let scope = model.scopes.scope(containing: member, in: tree)
            guard let cls = model.classOfSelf(base, in: scope) else { continue }
            let role: CallSite.Role = isAsync ? [.inAsyncContext, .propertyRead] : [.propagates, .propertyRead]
            recordSite(member, target: .method(owner: qualifiedName(of: cls), name: internName(of: member)),
                       caller: caller, role: role,
                       written: isAsync ? summary.intern(tree.calleeText(member, unknown: "(…)", elidingArguments: true)) : internEmpty(),
                       context: isAsync ? summary.functions[Int(caller)].name : nil)
        }
    }

    /// Whether a call's result is iterated right where it is made: the iterable of a `for` or
    /// of a comprehension, `yield from` it, the argument of a builtin that consumes an
    /// iterable (`list(f())`, `sorted(f())`, `next(f())`, `"".join(f())`), or of a lazy wrapper
    /// that is itself iterated there (`for i, x in enumerate(f()):`). A generator handed to any
    /// other call may be iterated later or elsewhere (`StreamingResponse(iterfile(p))`), sync
    /// code included: it is not followed.
    private func isIterated(_ call: NodeID) -> Bool {
        var node = call
        for _ in 0..<4 {
            let parent = tree[node].parent
            guard !parent.isNone else { return false }
            switch tree.kind(parent) {
            case .opaque:
                let detail = tree[parent].detail
                if detail == iterationDetails.for {
                    guard let target = tree.firstChild(parent) else { return false }
                    return tree[target].nextSibling == node
                }
                if detail == iterationDetails.yieldFrom { return true }
                // A comprehension's first iterable (most have one `for`).
                return model.scopes.scopeOpenedBy[parent] != nil && model.scopes.comprehensionFirstIterable(parent) == node
            case .argument:
                let outer = tree[parent].parent
                guard !outer.isNone, tree.kind(outer) == .call, let callee = tree.firstChild(outer) else { return false }
                let name = tree[callee].name
                guard !name.isNone, Int(name.raw) < consumingNames.count else { return false }
                switch consumingNames[Int(name.raw)] {
                case .consumes: return tree.kind(callee) == .name || iterationDetails.memberConsumers.contains(name)
                case .wraps where tree.kind(callee) == .name: node = outer   // iterated if the wrapper is
                default: return false
                }
            default:
                return false
            }
        }
        return false
    }

    private enum IterableUse: UInt8 { case none, consumes, wraps }

    /// Per symbol of the file: a builtin that iterates its argument to the end (`list`), or a
    /// lazy wrapper (`enumerate`), or neither; made on first use.
    private lazy var consumingNames: [IterableUse] = {
        var uses = [IterableUse](repeating: .none, count: tree.symbols.count)
        for name in ["list", "tuple", "set", "frozenset", "dict", "sorted", "sum", "min", "max", "any", "all", "next",
                     "bytes", "bytearray", "join", "extend", "update"] {
            if let symbol = tree.symbols.lookup(name) { uses[Int(symbol.raw)] = .consumes }
        }
        for name in ["enumerate", "zip", "map", "filter", "reversed", "iter"] {
            if let symbol = tree.symbols.lookup(name) { uses[Int(symbol.raw)] = .wraps }
        }
        return uses
    }()

    /// The detail symbols `isIterated` compares: `for`, `yieldFrom`; and the methods that
    /// consume an iterable argument (`"".join`, `list.extend`, `dict.update`).
    private lazy var iterationDetails: (for: Symbol?, yieldFrom: Symbol?, memberConsumers: Set<Symbol>) = (
        tree.symbols.lookup("for"), tree.symbols.lookup("yieldFrom"),
        Set(["join", "extend", "update"].compactMap { tree.symbols.lookup($0) })
    )

    /// Whether a member is called (`self.x()`), or assigned or deleted rather than read.
    /// (`self.x += 1` reads it first, so it is a read.)
    private func isCalleeOrTarget(_ member: NodeID) -> Bool {
        var node = member
        var parent = tree[member].parent
        guard !parent.isNone else { return false }
        if tree.kind(parent) == .call { return tree.firstChild(parent) == member }
        if tree.kind(parent) == .opaque && tree.detailIs(parent, "del") { return true }
        // `self.a, self.b = …`: a target inside a tuple or list target.
        if tree.kind(parent) == .opaque, case let outer = tree[parent].parent, !outer.isNone, tree.kind(outer) == .assignment {
            node = parent
            parent = outer
        }
        guard tree.kind(parent) == .assignment, !tree[parent].flags.contains(.augmented) else { return false }
        // Every child but the last (the value) is a target (an annotation is no read either).
        return tree[parent].lastChild != node
    }

    /// Callbacks handed to the event loop run on its thread whatever code schedules them: each
    /// is a call in async context (AL110 when it blocks), made where it is handed over, and a
    /// coroutine function there makes a coroutine the loop drops (AL202). A `lambda`'s calls are
    /// made when the loop calls it.
    private func recordLoopCallbacks() {
        PythonLoopCallbacks.forEach(in: model) { call, callback, scope in
            let scheduler = summary.intern(tree.quotedCallee(ofCall: call))
            guard tree.kind(callback) == .closure else {
                guard let target = target(ofCallee: callback, in: scope) else { return }
                recordSite(callback, target: target, caller: -1, role: [.inAsyncContext, .loopCallback, .discardedValue],
                           written: summary.intern(tree.calleeText(callback, unknown: "(…)", elidingArguments: true)),
                           context: scheduler)
                return
            }
            var child = tree[callback].firstChild
            while !child.isNone {
                defer { child = tree[child].nextSibling }
                guard tree.kind(child) != .parameter else { continue }
                PythonAsyncContexts.visit(child, scope: model.scopes.scopeOpenedBy[callback] ?? scope, tree: tree,
                                          scopes: model.scopes) { inner, innerScope in
                    let target = target(of: inner, in: innerScope)
                    // A catalogued blocking call in the lambda is its own finding's matter, not a helper's.
                    if mayBlock(inner, target: target), blocking.match(inner, in: innerScope) != nil { return }
                    guard let target, callIndex[Int(inner.raw)] < 0 else { return }
                    // (A coroutine the lambda returns is dropped: the per-file AL202 reports it for
                    // the file's own coroutine functions; across files it is left out.)
                    let role: CallSite.Role = [.inAsyncContext, .loopCallback]
                    recordSite(inner, target: target, caller: -1, role: role,
                               written: summary.intern(tree.quotedCallee(ofCall: inner)), context: scheduler)
                }
            }
        }
    }

    /// Whether the catalogue may match the call, decided cheaply before the full match (which
    /// resolves the callee again and types its receiver): a sync function's every call is asked.
    /// A project function is no catalogue API; a qualified name must be catalogued; a builtin
    /// or a method must carry a catalogued name. (Types whose every method blocks, such as a
    /// redis client, are matched only by their listed method names here.)
    private func mayBlock(_ call: NodeID, target: CallSite.Target?) -> Bool {
        switch target {
        case .method: return false
        case .qualified(let q):
            return isCatalogued(q) || isCatalogueName(call)
        default:
            return isCatalogueName(call)
        }
    }

    private func isCatalogueName(_ call: NodeID) -> Bool {
        guard let callee = tree.firstChild(call) else { return false }
        let symbol = tree[callee].name
        guard !symbol.isNone, symbol.raw < catalogueNames.count else { return false }
        let i = Int(symbol.raw)
        if catalogueNames[i] == 0 {
            catalogueNames[i] = model.catalogue.isMatchedLastName(symbol, in: tree.symbols) ? 1 : 2
        }
        return catalogueNames[i] == 1
    }

    private func isCatalogued(_ q: StringID) -> Bool {
        let i = Int(q)
        if i >= catalogued.count { catalogued.append(contentsOf: repeatElement(0, count: i + 1 - catalogued.count)) }
        if catalogued[i] == 0 {
            catalogued[i] = model.catalogue.isBlockingCall(summary.string(q), hash: summary.hash(q)) ? 1 : 2
        }
        return catalogued[i] == 1
    }

    /// `c` for `a.b.c` (interned once per string).
    private func lastPart(of q: StringID) -> StringID {
        let i = Int(q)
        if i >= lastParts.count { lastParts.append(contentsOf: repeatElement(-1, count: i + 1 - lastParts.count)) }
        if lastParts[i] < 0 {
            let text = summary.string(q)
            // On UTF-8 code units: a Character search walks grapheme clusters.
            lastParts[i] = summary.intern(text.utf8.lastIndex(of: UInt8(ascii: ".")).map {
                String(text[text.utf8.index(after: $0)...])
            } ?? text)
        }
        return lastParts[i]
    }

    /// A node's name in the summary ("?" for none), interned once per symbol.
    private func internName(of node: NodeID) -> StringID {
        let symbol = tree[node].name
        guard !symbol.isNone, Int(symbol.raw) < symbolStrings.count else { return summary.intern("?") }
        let i = Int(symbol.raw)
        if symbolStrings[i] < 0 { symbolStrings[i] = summary.intern(tree.symbols.string(symbol)) }
        return symbolStrings[i]
    }

    private func internEmpty() -> StringID {
        if let emptyString { return emptyString }
        let id = summary.intern("")
        emptyString = id
        return id
    }

    private func addFunction(_ f: NodeID) {
        let location = tree.anchorLocation(f)
        let isAsync = tree[f].flags.contains(.isAsync)
        let decoration = isAsync ? .plain : coroutines.syncDecoration(of: f)
        let offloaded = decoration == .offloaded
        var owner: StringID?
        let parent = tree[f].parent
        if !parent.isNone, tree.kind(parent) == .block, !tree[parent].parent.isNone,
           tree.kind(tree[parent].parent) == .typeDecl {
            owner = qualifiedName(of: tree[parent].parent)
        }
        var isPropertySetter = false, isGetter = false
        if owner != nil, decoration == .wrapped {
            switch propertyDecoration(of: f) {
            case .getter:
                propertyNames.insert(tree[f].name)
                isGetter = true
            case .setter: isPropertySetter = true
            case nil: break
            }
        }
        functionIndex[Int(f.raw)] = Int32(summary.functions.count)
        summary.functions.append(FunctionSummary(
            name: internName(of: f), qualifiedName: qualifiedName(of: f), owner: owner,
            // `@sync_to_async def`: a coroutine function to its callers, whose body runs in a thread.
            isAsync: isAsync || offloaded, isCoroutine: offloaded || (isAsync && coroutines.isCoroutineFunction(f)),
            isWrapped: decoration == .wrapped, isPropertySetter: isPropertySetter, isGetter: isGetter,
            line: Int32(location.line), column: Int32(location.column)))
    }

    private enum PropertyDecoration { case getter, setter }

    /// `@property` / `@cached_property` (`functools.` or not) make a getter; `@name.setter` and
    /// `@name.deleter` a setter or deleter. Read from the decorators as written.
    private func propertyDecoration(of f: NodeID) -> PropertyDecoration? {
        for decorator in tree.children(f) where tree.kind(decorator) == .attribute {
            guard let expression = tree.firstChild(decorator), !tree[expression].name.isNone else { continue }
            let name = tree.symbols.string(tree[expression].name)
            switch tree.kind(expression) {
            case .name where name == "property" || name == "cached_property": return .getter
            case .member where name == "cached_property": return .getter
            case .member where name == "setter" || name == "deleter": return .setter
            default: continue
            }
        }
        return nil
    }

    private func addClass(_ c: NodeID) {
        var bases: [StringID] = []
        for resolved in model.resolvedBases(of: c) {
            switch resolved {
            case .classDef(let base): bases.append(qualifiedName(of: base))
            case .qualified(let q): if let a = absolute(q) { bases.append(summary.intern(a)) }
            default: break
            }
        }
        summary.classes.append(ClassSummary(qualifiedName: qualifiedName(of: c), bases: bases))
    }

    /// `module.Class.method`; a function nested in a function is `module.outer.<locals>.inner`,
    /// as Python's own `__qualname__` has it, so it never collides with a module-level name.
    private func qualifiedName(of node: NodeID) -> StringID {
        let known = qualifiedNames[Int(node.raw)]
        if known >= 0 { return known }
        // Built on the enclosing definition's own (memoized) name: one join each, looked up
        // in the summary before any String is made for it.
        var outer: StringID?
        var separator: StaticString = "."
        var current = tree[node].parent
        while !current.isNone {
            let kind = tree.kind(current)
            if kind == .closure {
                // Rare: a lambda's prefix is put together as text first.
                outer = summary.intern(closurePrefix(current))
                break
            }
            if kind == .function || kind == .typeDecl {
                outer = qualifiedName(of: current)
                if kind == .function { separator = ".<locals>." }
                break
            }
            current = tree[current].parent
        }
        let nameID = internName(of: node)
        let id: StringID
        if let outer {
            id = summary.intern(joining: outer, separator, nameID)
        } else if summary.module.isEmpty {
            id = nameID
        } else {
            id = summary.intern(joining: internModule(), ".", nameID)
        }
        qualifiedNames[Int(node.raw)] = id
        return id
    }

    /// The module's name as a string of the summary (interned once).
    private func internModule() -> StringID {
        if let moduleString { return moduleString }
        let id = summary.intern(summary.module)
        moduleString = id
        return id
    }

    /// A lambda has no name of its own: what it holds is named after the definition around it.
    private func closurePrefix(_ closure: NodeID) -> String {
        var current = tree[closure].parent
        while !current.isNone {
            let kind = tree.kind(current)
            if kind == .function || kind == .typeDecl {
                let outerID = qualifiedName(of: current)
                let outer = summary.string(outerID)
                return (kind == .typeDecl ? outer : outer + ".<locals>") + ".<lambda>"
            }
            current = tree[current].parent
        }
        return summary.module.isEmpty ? "<lambda>" : summary.module + ".<lambda>"
    }

    private func absolute(_ qualified: String) -> String? {
        guard qualified.utf8.first == UInt8(ascii: ".") else { return qualified }
        // A relative import's names come back for every call through them: made absolute once.
        if let known = absoluteNames[qualified] { return known }
        // The package a run of dots names is the same for every import of the file: asked of
        // `ProjectLayout` once per number of dots, then the rest is appended.
        let utf8 = qualified.utf8
        let dots = utf8.prefix { $0 == UInt8(ascii: ".") }.count
        if packagesByDots.count <= dots { packagesByDots.append(contentsOf: repeatElement(nil, count: dots + 1 - packagesByDots.count)) }
        if packagesByDots[dots] == nil {
            packagesByDots[dots] = .some(ProjectLayout.relativePackage(dots: dots, of: summary.module,
                                                                       namespacePrefix: namespacePrefix, isPackage: isPackage))
        }
        var made: String?
        if let package = packagesByDots[dots] ?? nil {
            let rest = String(qualified[utf8.index(utf8.startIndex, offsetBy: dots)...])
            made = package.isEmpty ? rest : (rest.isEmpty ? package : package + "." + rest)
        }
        absoluteNames[qualified] = .some(made)
        return made
    }

    /// What the callee may be in the project: one of this file's functions (by qualified name),
    /// an imported name, or a method of a class: `self`'s; one of this file's called through
    /// the class (`Repo.make()`, a classmethod or staticmethod) or on an instance it has just
    /// made (`Repo().load()`); or an imported class's on an instance just made
    /// (`models.Repo().load()` is `pkg.models.Repo.load`, as `models.Repo.load()` is).
    /// A variable holding an instance (`repo = Repo()`, `repo: Repo`) is not followed here: on
    /// the Python corpus that made twisted's `Deferred` methods block (through a warning on a
    /// cold path) and everything calling them, for 1 MB more peak memory, bounded at 64 MB.
    private func target(of call: NodeID, in scope: Int) -> CallSite.Target? {
        guard let callee = tree.firstChild(call) else { return nil }
        return target(ofCallee: callee, in: scope)
    }

    /// `target(of:in:)` for the function expression a call would call (`self.flush` handed to
    /// `loop.call_soon`).
    private func target(ofCallee callee: NodeID, in scope: Int) -> CallSite.Target? {
        if tree.kind(callee) == .member, let base = tree.firstChild(callee), !tree[callee].name.isNone {
            if tree.kind(base) == .name, let cls = model.classOfSelf(base, in: scope) {
                return .method(owner: qualifiedName(of: cls), name: internName(of: callee))
            }
            // `super().save()`: the method as the class's first base has it.
            switch model.superclass(ofSuperCall: base, in: scope) {
            case .classDef(let cls)?:
                return .method(owner: qualifiedName(of: cls), name: internName(of: callee))
            case .qualified(let q)?:
                guard let a = absolute(q) else { return nil }
                return .method(owner: summary.intern(a), name: internName(of: callee))
            default:
                break
            }
            let madeInstance = tree.kind(base) == .call
            if let owner = madeInstance ? tree.firstChild(base) : base,
               tree.kind(owner) == .name || tree.kind(owner) == .member {
                switch model.resolve(expression: owner, in: scope, at: tree[owner].start) {
                case .classDef(let cls):
                    return .method(owner: qualifiedName(of: cls), name: internName(of: callee))
                case .qualified(let q) where madeInstance && PythonSemanticModel.readsAsClass(q):
                    guard let a = absolute(q) else { return nil }
                    return .qualified(summary.intern(a + "." + tree.symbols.string(tree[callee].name)))
                default:
                    break
                }
            }
        }
        switch model.resolve(expression: callee, in: scope, at: tree[callee].start) {
        case .function(let f): return .qualified(qualifiedName(of: f))
        case .classDef(let cls):
            // Constructing a class of this file runs its `__init__` (or its bases').
            return .method(owner: qualifiedName(of: cls), name: summary.intern("__init__"))
        case .qualified(let q):
            guard let a = absolute(q) else { return nil }
            return .qualified(summary.intern(a))
        default: return nil
        }
    }

    private func record(_ call: NodeID, target: CallSite.Target, caller: Int32, role: CallSite.Role,
                                 context: NodeID?) {
        var role = role
        if case let parent = tree[call].parent, !parent.isNone, tree.kind(parent) == .await { role.insert(.awaited) }
        if isIterated(call) { role.insert(.iterated) }
        recordSite(call, target: target, caller: caller, role: role,
                   // Only findings quote the callee, and a call that only propagates is never one.
                   written: role.subtracting(.iterated) == .propagates ? internEmpty() : summary.intern(tree.quotedCallee(ofCall: call)),
                   // The `async def`'s name, interned already as its function's name.
                   context: context.map { _ in summary.functions[Int(caller)].name })
    }

    /// Adds a call site at `node` (a call, or a callback handed to the loop).
    private func recordSite(_ node: NodeID, target: CallSite.Target, caller: Int32, role: CallSite.Role,
                            written: StringID, context: StringID?) {
        let range = tree.range(node)
        callIndex[Int(node.raw)] = Int32(summary.calls.count)
        let name: StringID
        switch target {
        case .method(let owner, let method):
            // `Config(...)`, `super().__init__(...)`: named after the class, as a call of an
            // imported class is, so pass 2 finds a blocking `__init__`'s callers by the class's
            // name (and its subclasses') instead of trying every `__init__` call for each.
            name = summary.string(method) == "__init__" ? lastPart(of: owner) : method
        case .qualified(let q): name = lastPart(of: q)
        default: name = internEmpty()
        }
        summary.calls.append(CallSite(
            target: target, name: name, role: role, caller: caller, written: written, context: context,
            startLine: Int32(range.start.line), startColumn: Int32(range.start.column),
            endLine: Int32(range.end.line), endColumn: Int32(range.end.column)))
    }
}
