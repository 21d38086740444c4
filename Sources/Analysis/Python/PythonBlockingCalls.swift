import LightSyntax

/// AL101–AL107: a call that blocks the event loop, made in an async context. The catalogue
/// decides which rule a call belongs to; the call matches by its resolved qualified name
/// (`time.sleep`) or as a method of a value of a catalogue type (`f.read()` after
/// `f = open(p)`). Awaited or not, a blocking call is reported (`await time.sleep(1)` still blocks).
/// A class: the checker's walk captures it in a closure, and as a struct (its semantic model's
/// every array inside) it was copied and released once per async function.
final class PythonBlockingCallRule {
    let model: PythonSemanticModel
    private var tree: SyntaxTree { model.tree }
    private var index: PythonCatalogueIndex { model.catalogue }

    /// Receivers switched to non-blocking mode (`sock.setblocking(False)`): low-level async
    /// code drives such sockets itself. Keyed by the receiver as written and its owner: the
    /// class for `self._sock` (switched in any method), else the scope, where the switch must
    /// come first. The value is the earliest switch's offset.
    private let nonBlockingReceivers: [NonBlockingReceiver: Int32]

    private struct NonBlockingReceiver: Hashable {
        var owner: NodeID
        var text: String
    }

    init(model: PythonSemanticModel) {
        self.model = model
        var receivers: [NonBlockingReceiver: Int32] = [:]
        let switches = model.catalogue.nonBlockingSwitches
        let tree = model.tree
        // The switch methods this file names at all, by symbol: most files name none, and
        // then no call is looked at (a String per member call was most of a file's setup).
        var switchSymbols: [(Symbol, Set<String>)] = []
        for (method, values) in switches {
            if let symbol = tree.symbols.lookup(method) { switchSymbols.append((symbol, values)) }
        }
        if !switchSymbols.isEmpty {
            for i in tree.allNodes where tree.nodes[i].kind == .call {
                let call = NodeID(i)
                guard let callee = tree.firstChild(call), tree.kind(callee) == .member,
                      let values = switchSymbols.first(where: { $0.0 == tree[callee].name })?.1, let base = tree.firstChild(callee),
                      let argument = tree.argument(of: call, keyword: nil, position: 0),
                      let value = tree.firstChild(argument), let text = tree.sourceText(value),
                      values.contains(text) else { continue }
                let (key, position) = Self.receiver(base, at: tree[call].start, model: model)
                receivers[key] = min(receivers[key] ?? .max, position)
            }
        }
        self.nonBlockingReceivers = receivers
    }

    private static func receiver(_ base: NodeID, at position: Int32, model: PythonSemanticModel)
        -> (NonBlockingReceiver, Int32) {
        let tree = model.tree
        let scope = model.scopes.scope(containing: base, in: tree)
        let text = tree.calleeText(base)
        var root = base
        while tree.kind(root) == .member, let inner = tree.firstChild(root) { root = inner }
        if root != base, tree.kind(root) == .name, let cls = model.classOfSelf(root, in: scope) {
            return (NonBlockingReceiver(owner: cls, text: text), .min)
        }
        return (NonBlockingReceiver(owner: model.scopes[scope].node, text: text), position)
    }

    private func isSwitchedToNonBlocking(_ base: NodeID, before position: Int32) -> Bool {
        if nonBlockingReceivers.isEmpty { return false }
        let (key, _) = Self.receiver(base, at: position, model: model)
        guard let switched = nonBlockingReceivers[key] else { return false }
        return switched < position
    }

    /// `sock = socket.socket(); sock.setblocking(False)`: a constructor that is a blocking call
    /// itself (a blocking socket in async code is the smell), but whose value the file switches
    /// to non-blocking mode, as asyncio's `loop.sock_*` want it, at any point after.
    private func isMadeNonBlocking(_ call: NodeID, constructing name: String) -> Bool {
        guard !nonBlockingReceivers.isEmpty, let t = index.constructorTypes[name],
              !index[t].nonBlockingSwitches.isEmpty else { return false }
        let assignment = tree[call].parent
        guard !assignment.isNone, tree.kind(assignment) == .assignment, tree.lastChild(assignment) == call,
              let target = tree.firstChild(assignment), target != call,
              tree.kind(target) == .name || tree.kind(target) == .member else { return false }
        let (key, _) = Self.receiver(target, at: tree[call].start, model: model)
        return nonBlockingReceivers[key] != nil
    }

    /// What blocks in a call: the API, and how to describe it.
    struct Match {
        var api: BlockingAPI
        /// The catalogue name for a call matched by qualified name.
        var qualifiedName: String?
        /// The method name and the receiver's description for a call on a typed value.
        var method: String?
        var receiver: String?
    }

    func check(_ context: PythonAsyncContexts.ContextCall, into findings: inout PythonFindings) {
        guard let match = match(context.call, in: context.scope) else { return }
        let written = tree.quotedCallee(ofCall: context.call)
        let place = "in `async def \(tree.name(context.function) ?? "?")`"
        var message: String
        if let q = match.qualifiedName {
            message = written == q ? "`\(q)(...)` blocks the event loop \(place)"
                : "`\(written)(...)` is `\(q)`, which blocks the event loop \(place)"
        } else {
            message = "`\(written)(...)` blocks the event loop \(place): `\(match.method ?? "?")` on \(match.receiver ?? "a value")"
        }
        if let offload = offloadReceivingResult(of: context.call, in: context.scope) {
            message += "; the call runs right here, not in `\(offload)`: pass the function itself"
        }
        let method = match.method ?? String(match.qualifiedName?.split(separator: ".").last ?? "")
        // The library's wording first: some of it is written around `{method}`.
        let use = findings.flavor.translate(match.api.use).replacingOccurrences(of: "{callee}", with: written)
            .replacingOccurrences(of: "{method}", with: method)
        // The message says what blocks; the help line says what to use (ruff keeps them apart too).
        findings.report(match.api.rule, at: context.call, message: message, help: "Use \(use) instead.")
    }

    func match(_ call: NodeID, in scope: Int) -> Match? {
        guard let callee = tree.firstChild(call) else { return nil }
        if let q = model.qualifiedName(ofCallee: callee, in: scope) {
            if index.pureFunctions.contains(q) { return nil }
            if let api = index.blockingCalls[q] {
                guard applies(api, to: call), !isMadeNonBlocking(call, constructing: q) else { return nil }
                return Match(api: api, qualifiedName: q)
            }
            // No catalogued function, but `Article.objects.get` is a method of a typed value.
            guard tree.kind(callee) == .member, !index.managerTypes.isEmpty else { return nil }
        }
        guard tree.kind(callee) == .member, let method = tree.name(callee), let base = tree.firstChild(callee),
              let t = model.valueType(of: base, in: scope, at: tree[call].start) else { return nil }
        let type = index[t]
        let api = type.blockingAPI(for: method)
        guard let api, applies(api, to: call) else { return nil }
        if !type.nonBlockingSwitches.isEmpty && isSwitchedToNonBlocking(base, before: tree[call].start) { return nil }
        if !type.nonBlockingWhenCatching.isEmpty && isTried(call, catching: type.nonBlockingWhenCatching, in: scope) {
            return nil
        }
        // `open(p).read()`: the receiver is itself a blocking call, and that is the one finding.
        if tree.kind(base) == .call, match(base, in: scope) != nil { return nil }
        return Match(api: api, method: method, receiver: type.description)
    }

    /// Whether the call sits in the body of a `try` (in its own function) with an `except`
    /// clause for one of `errors`: `except BlockingIOError` means the code expects the value
    /// to be in non-blocking mode.
    private func isTried(_ call: NodeID, catching errors: Set<String>, in scope: Int) -> Bool {
        var child = call
        var node = tree[call].parent
        while !node.isNone {
            switch tree.kind(node) {
            case .function, .closure, .typeDecl, .module:
                return false
            case .opaque where tree.detail(node) == "try" && tree.firstChild(node) == child:
                for clause in tree.children(node) where tree.kind(clause) == .opaque && tree.detail(clause) == "except" {
                    guard let caught = tree.firstChild(clause), tree.kind(caught) != .block,
                          tree.kind(caught) != .binding else { continue }
                    let names = tree.kind(caught) == .opaque ? Array(tree.children(caught)) : [caught]
                    for name in names {
                        switch model.resolve(expression: name, in: scope, at: tree[name].start) {
                        case .qualified(let q), .unbound(let q): if errors.contains(q) { return true }
                        default: break
                        }
                    }
                }
            default:
                break
            }
            child = node
            node = tree[node].parent
        }
        return false
    }

    private func applies(_ api: BlockingAPI, to call: NodeID) -> Bool {
        if api.onlyWithArguments && tree.firstChild(call, ofKind: .argument) == nil { return false }
        if let condition = api.nonBlockingWhen, let argument = tree.argument(of: call, keyword: condition.keyword,
                                                                             position: condition.position),
           let value = tree.firstChild(argument), tree.sourceText(value) == condition.value {
            return false
        }
        return true
    }

    /// `await asyncio.to_thread(time.sleep(1))`: the blocking call is the function argument of
    /// an offload API, so it runs now instead of on the worker thread. Returns the offload's name.
    func offloadReceivingResult(of call: NodeID, in scope: Int) -> String? {
        let argument = tree[call].parent
        guard !argument.isNone, tree.kind(argument) == .argument, tree[argument].name.isNone else { return nil }
        let outer = tree[argument].parent
        guard !outer.isNone, tree.kind(outer) == .call, let callee = tree.firstChild(outer),
              let position = tree.positionalIndex(of: argument) else { return nil }
        if let q = model.qualifiedName(ofCallee: callee, in: scope), index.offloadCalls[q] == position { return q }
        if tree.kind(callee) == .member, let m = tree.name(callee), index.offloadMethods[m] == position {
            return tree.quotedCallee(ofCall: outer)
        }
        return nil
    }
}
