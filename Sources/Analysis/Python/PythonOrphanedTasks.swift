import LightSyntax

/// AL201: a task whose handle is thrown away. The event loop keeps only a weak reference to a
/// task, so one nobody holds can vanish mid-flight. Fires, in any context, on an expression
/// statement `asyncio.create_task(...)` / `asyncio.ensure_future(...)` / `loop.create_task(...)`
/// (`loop` from `get_event_loop()` and the like), and on such a task bound to a function's
/// local that is never read. A `TaskGroup`'s `create_task` or a nursery's `start_soon` is owned
/// by its group, and `loop` of unknown origin may be anything: neither is reported.
struct PythonOrphanedTaskRule {
    let model: PythonSemanticModel
    private var tree: SyntaxTree { model.tree }
    /// Per symbol: whether a member call ending in it may start a task (a member callee's
    /// qualified name ends in its own name), so other member calls are not resolved at all.
    private let taskMemberSymbols: [Bool]

    init(model: PythonSemanticModel) {
        self.model = model
        var flags = [Bool](repeating: false, count: model.tree.symbols.count)
        for name in model.catalogue.taskMemberNames {
            if let s = model.tree.symbols.lookup(name) { flags[Int(s.raw)] = true }
        }
        self.taskMemberSymbols = flags
    }

    func check(into findings: inout PythonFindings) {
        for i in tree.allNodes {
            let node = NodeID(i)
            switch tree.kind(node) {
            case .expressionStatement:
                guard let call = tree.firstChild(node), tree.kind(call) == .call else { continue }
                let scope = model.scopes.scope(containing: node, in: tree)
                guard let creator = taskCreator(of: call, in: scope) else { continue }
                findings.report("AL201", at: call,
                                message: "`\(creator)(...)` starts a task whose handle is thrown away: the event loop keeps only a weak reference, so it can be garbage-collected before it finishes and its exception is never seen; keep a reference or let a TaskGroup own it",
                                help: Self.help)
            case .assignment:
                checkUnusedTaskVariable(node, into: &findings)
            default:
                continue
            }
        }
    }

    private static let help = "Keep a reference until the task is done (a set of tasks with `add_done_callback(tasks.discard)`), await it, or let an `asyncio.TaskGroup` own it."

    /// `t = asyncio.create_task(...)` in a function, and `t` is never read.
    private func checkUnusedTaskVariable(_ assignment: NodeID, into findings: inout PythonFindings) {
        // The shape `name = call(...)`, tested without allocating: most assignments are not it.
        let target = tree[assignment].firstChild
        guard !tree[assignment].flags.contains(.augmented), !target.isNone, tree.kind(target) == .name else { return }
        let value = tree[target].nextSibling
        guard !value.isNone, tree.kind(value) == .call, tree[value].nextSibling.isNone else { return }
        let kids = [target, value]
        let scope = model.scopes.scope(containing: assignment, in: tree)
        let symbol = tree[kids[0]].name
        let sc = model.scopes[scope]
        guard sc.kind == .function, sc.globals.isEmpty || !sc.globals.contains(symbol),
              sc.nonlocals.isEmpty || !sc.nonlocals.contains(symbol),
              let creator = taskCreator(of: kids[1], in: scope), !isRead(symbol, within: sc.node) else { return }
        let variable = tree.name(kids[0]) ?? "_"
        findings.report("AL201", at: kids[1],
                        message: "the task from `\(creator)(...)` is bound to `\(variable)`, which is never used: the event loop keeps only a weak reference, so it can be garbage-collected before it finishes; keep the reference until it is done, or await it",
                        help: Self.help)
    }

    /// The name of the task-starting API a call uses, if it is one that leaves the task unowned.
    func taskCreator(of call: NodeID, in scope: Int) -> String? {
        guard let callee = tree.firstChild(call) else { return nil }
        if tree.kind(callee) == .member {
            let name = tree[callee].name
            guard !name.isNone, Int(name.raw) < taskMemberSymbols.count, taskMemberSymbols[Int(name.raw)] else { return nil }
        }
        if let q = model.qualifiedName(ofCallee: callee, in: scope), model.catalogue.taskCreators.contains(q) {
            return q
        }
        guard tree.kind(callee) == .member, let method = tree.name(callee), let base = tree.firstChild(callee),
              let t = model.valueType(of: base, in: scope, at: tree[call].start),
              model.catalogue[t].taskMethods.contains(method) else { return nil }
        return tree.quotedCallee(ofCall: call)
    }

    /// Whether `symbol` is read anywhere in the function (nested functions included: a
    /// closure that reads it keeps the task alive).
    private func isRead(_ symbol: Symbol, within function: NodeID) -> Bool {
        var stack = [function]
        while let node = stack.popLast() {
            if tree.kind(node) == .name && tree[node].name == symbol && !model.scopes.storedNames.contains(node) {
                return true
            }
            stack.append(contentsOf: tree.children(node))
        }
        return false
    }
}
