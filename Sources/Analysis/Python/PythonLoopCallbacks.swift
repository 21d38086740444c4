import LightSyntax

/// Callbacks handed to the event loop (the catalogue's `loopCallbacks`: `loop.call_soon(cb)`,
/// `loop.call_later(5, cb)`, `loop.add_reader(fd, cb)`): the loop calls them later on its own
/// thread, so a callback that blocks stalls every task as a blocking call in an `async def`
/// does, wherever the scheduling call is written (often in sync code), and a coroutine function
/// passed there makes a coroutine the loop drops.
enum PythonLoopCallbacks {
    /// A scheduling call, the callback it hands over, and the scope the call's names resolve in.
    struct HandOver: Sendable {
        var call: NodeID
        var callback: NodeID
        var scope: Int
    }

    /// `model.loopCallbacks`, in source order.
    static func forEach(in model: PythonSemanticModel, _ body: (_ call: NodeID, _ callback: NodeID, _ scope: Int) -> Void) {
        for handOver in model.loopCallbacks { body(handOver.call, handOver.callback, handOver.scope) }
    }

    /// Every scheduling call of the file with the callback it hands over (the argument's
    /// expression: a name, a member, or a `lambda`; `functools.partial(f, …)` is `f`; by position
    /// or as `callback=`) and the scope the call's names resolve in. A method counts only on an
    /// event loop: a value of the catalogue's `event-loop` type (`asyncio.get_running_loop()`,
    /// an `AbstractEventLoop` annotation) or a receiver named like one (`loop`, `self._loop`,
    /// `io_loop`); a scheduler, cursor or GUI object with a `call_later` of its own is not one.
    /// A file that names none of the scheduling methods is not walked.
    static func handOvers(in model: PythonSemanticModel) -> [HandOver] {
        var found: [HandOver] = []
        let tree = model.tree
        let catalogue = model.catalogue
        guard !catalogue.loopCallbackMethods.isEmpty || !catalogue.loopCallbackCalls.isEmpty else { return found }
        // Per symbol: the callback's position when it names a scheduling method.
        var positions: [Symbol: Int] = [:]
        for (name, position) in catalogue.loopCallbackMethods {
            if let symbol = tree.symbols.lookup(name) { positions[symbol] = position }
        }
        var lastNames: Set<Symbol> = []
        for name in catalogue.loopCallbackCalls.keys {
            let last = name.split(separator: ".").last.map(String.init) ?? name
            if let symbol = tree.symbols.lookup(last) { lastNames.insert(symbol) }
        }
        guard !positions.isEmpty || !lastNames.isEmpty else { return found }
        let eventLoop = catalogue.typesByName["event-loop"]
        func isEventLoop(_ receiver: NodeID, in scope: Int) -> Bool {
            // Named like a loop: its last `_`-separated word ends in `loop` (`loop`, `self._loop`,
            // `event_loop`, `ioloop`), not `self.loop_thread` or `looper`.
            switch tree.kind(receiver) {
            case .name, .member:
                let name = tree[receiver].name
                if tree.symbols.contains(name, ignoringASCIICase: "loop"),
                   let last = tree.symbols.string(name).lowercased().split(separator: "_").last, last.hasSuffix("loop") {
                    return true
                }
            default:
                break
            }
            return eventLoop != nil && model.valueType(of: receiver, in: scope, at: tree[receiver].start) == eventLoop
        }
        for i in tree.allNodes where tree.nodes[i].kind == .call {
            let call = NodeID(i)
            guard let callee = tree.firstChild(call), !tree[callee].name.isNone else { continue }
            let name = tree[callee].name
            var position: Int?
            var scope: Int?
            if tree.kind(callee) == .member, let p = positions[name], let receiver = tree.firstChild(callee) {
                let s = model.scopes.scope(containing: call, in: tree)
                guard isEventLoop(receiver, in: s) else { continue }
                scope = s
                position = p
            } else if lastNames.contains(name) {
                let s = model.scopes.scope(containing: call, in: tree)
                scope = s
                position = model.qualifiedName(ofCallee: callee, in: s).flatMap { catalogue.loopCallbackCalls[$0] }
            }
            guard let position, let argument = tree.argument(of: call, keyword: "callback", position: position),
                  var callback = tree.firstChild(argument) else { continue }
            let callScope = scope ?? model.scopes.scope(containing: call, in: tree)
            // `functools.partial(handler, conn)`: the loop calls `handler`.
            if tree.kind(callback) == .call, let inner = tree.firstChild(callback),
               model.qualifiedName(ofCallee: inner, in: callScope) == "functools.partial",
               let first = tree.argument(of: callback, keyword: nil, position: 0), let wrapped = tree.firstChild(first) {
                callback = wrapped
            }
            switch tree.kind(callback) {
            case .name, .member, .closure: found.append(HandOver(call: call, callback: callback, scope: callScope))
            default: continue
            }
        }
        return found
    }

    /// The expression a `lambda` returns (its body), or nil.
    static func lambdaBody(_ closure: NodeID, in tree: SyntaxTree) -> NodeID? {
        var child = tree[closure].firstChild
        var body: NodeID?
        while !child.isNone {
            if tree.kind(child) != .parameter { body = child }
            child = tree[child].nextSibling
        }
        return body
    }

    /// AL202's text for a coroutine function handed to the loop as a callback (`written` as
    /// the code names it, `coroutine` its own name when that differs): the loop calls it and
    /// drops the coroutine. `inLambda`: the call is what a `lambda` callback returns.
    static func droppedCoroutineText(written: String, coroutine: String?, scheduler: String,
                                     inLambda: Bool) -> (message: String, help: String) {
        let named = coroutine.map { $0 == written ? "" : " (`\($0)`)" } ?? ""
        let message = inLambda
            ? "`\(written)(...)`\(named) makes a coroutine that the `lambda` returns to `\(scheduler)`, which drops it: "
                + "the loop never awaits what a callback returns, so the coroutine's body never runs"
            : "`\(written)`\(named) is a coroutine function: `\(scheduler)` calls it and drops the coroutine it returns, "
                + "so its body never runs"
        let help = "Hand the loop a function that starts a task and keeps a reference to it, "
            + "`lambda: tasks.add(asyncio.create_task(\(written)(...)))` with a set `tasks` of running tasks, "
            + "or from another thread `asyncio.run_coroutine_threadsafe(\(written)(...), loop)`."
        return (message, help)
    }
}
