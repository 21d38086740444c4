import LightSyntax

/// Whether a closure's body is an async context, decided by what receives the closure.
/// Precision first: a plain sync closure stored or handed to an unknown function is not one.
extension SwiftFileCheck {
    mutating func closureOrigin(_ closure: NodeID, _ context: SwiftWalkContext) -> SwiftAsyncOrigin {
        // Every async origin below needs an `async`, an `await`, an `async let` or a task API.
        guard mayHaveAsyncCode else { return .none }
        if tree[closure].flags.contains(.isAsync) { return .asyncClosure }
        let parent = tree[closure].parent
        if !parent.isNone, tree.kind(parent) == .argument {
            let call = tree[parent].parent
            if !call.isNone, tree.kind(call) == .opaque, context.isAsync, isInlineMacro(call) {
                // `#expect(throws: E.self) { try load() }` evaluates the closure on the spot.
                return context.origin
            }
            if !call.isNone, tree.kind(call) == .call {
                let shape = callShape(call)
                let label = nameText(parent) ?? "_"
                if let task = taskAPI(for: shape, context), task.closureLabels.contains(label) {
                    // Only an unstructured task (`Task { }`) makes the code in it "nested in a
                    // `Task`"; a task group's body or a child task's closure is nested in one only
                    // when the code around it is.
                    return task.unstructured || context.origin == .taskClosure ? .taskClosure : .asyncClosure
                }
                if let parameters = asyncClosureParameters[shape.lastName],
                   parameters.accepts(label: tree[parent].name, trailing: tree[parent].flags.contains(.trailingClosure)),
                   !isInFunction(named: shape.lastName, call) {
                    // `retry { … }` where the file declares `func retry(_ op: () async throws -> T)`.
                    return context.origin == .taskClosure ? .taskClosure : .asyncClosure
                }
                if isOffload(shape, context) { return .none }
                // `items.map { … }` runs right here: it blocks whatever thread runs the caller.
                if context.isAsync && runsClosuresInline(shape) && !hasDeferredReceiver(shape, context) {
                    return context.origin
                }
            }
        } else if !parent.isNone, tree.kind(parent) == .call, tree[parent].firstChild == closure {
            // `{ … }()`: called on the spot.
            if context.isAsync { return context.origin }
        } else if !parent.isNone, tree.kind(parent) == .binding, let annotation = tree.firstChild(parent, ofKind: .typeAnnotation),
                  tree[annotation].flags.contains(.isAsync) {
            // `let job: () async -> Void = { … }`: async by the type it is stored as (the parser
            // marks a type annotation with an async function type in it).
            return .asyncClosure
        }
        // A closure that awaits is async even without `async` in its signature (the compiler
        // infers it), so whoever runs it runs it as part of a task.
        return containsDirectAwait(closure) ? .asyncClosure : .none
    }

    /// Whether the call is a catalogued API that runs its closures inline: any call of that last
    /// name (`map`), or, for a `Type.member` entry (`MainActor.run`), a call on the type named
    /// as such. An unknown receiver is not enough there: `run` on anything else means something else.
    mutating func runsClosuresInline(_ shape: SwiftCallShape) -> Bool {
        let found = entries(calledName(shape))
        if found.isInlineClosureAPI { return true }
        guard !found.inlineClosureTypes.isEmpty, shape.isMember, let base = shape.base,
              let named = typeReference(tree.unwrappingTryAndAwait(base)) else { return false }
        return found.inlineClosureTypes.contains(named)
    }

    /// A freestanding macro (an `opaque` `macro` node) the catalogue lists as running its closures
    /// inline (`#expect`, `#require`).
    private func isInlineMacro(_ node: NodeID) -> Bool {
        guard tree.detailIs(node, "macro"), let written = nameText(node) else { return false }
        return index.entries(for: written.hasPrefix("#") ? written : "#" + written).isInlineClosureAPI
    }

    /// `future.map { … }`: a receiver whose closure-taking members run the closure later; or a
    /// link of a Combine pipeline (`$query.map { … }.sink { … }`).
    private mutating func hasDeferredReceiver(_ shape: SwiftCallShape, _ context: SwiftWalkContext) -> Bool {
        guard let base = shape.base else { return false }
        if isPublisherChain(shape.call) { return true }
        guard !catalogue.swift.deferredReceiverTypes.isEmpty,
              let receiverType = inferredType(of: base, context: context) else { return false }
        return catalogue.swift.deferredReceiverTypes.contains(receiverType)
    }

    /// Whether the call is a link of a chain that the catalogue's `deferredChainMembers` make a
    /// Combine pipeline (`… .map { … }.sink { … }`, `items.publisher.map { … }`), or whose
    /// receiver is a projected value (`$query.map { … }`, a `@Published` property's publisher).
    private func isPublisherChain(_ call: NodeID) -> Bool {
        let members = catalogue.swift.deferredChainMembers
        return publisherBefore(call, members) || publisherAfter(call, members)
    }

    /// Down the receivers: `$query`, `x.publisher`, `p.receive(on: q)` before this link.
    private func publisherBefore(_ call: NodeID, _ members: [String]) -> Bool {
        var node = call
        for _ in 0..<64 {
            node = tree.unwrappingTryAndAwait(node)
            switch tree.kind(node) {
            case .call:
                node = tree[node].firstChild
            case .member:
                if node != tree[call].firstChild, members.contains(text(tree[node].name)) { return true }
                if tree[node].flags.contains(.implicitBase) { return false }
                node = tree[node].firstChild
            case .name:
                return isProjectedValue(tree[node].name)
            default:
                return false
            }
            if node.isNone { return false }
        }
        return false
    }

    /// Up the links after this one: `.sink { … }`, `.assign(to: …)`.
    private func publisherAfter(_ call: NodeID, _ members: [String]) -> Bool {
        var node = call
        for _ in 0..<64 {
            let parent = tree[node].parent
            guard !parent.isNone, tree.kind(parent) == .member, tree[parent].firstChild == node else { return false }
            if members.contains(text(tree[parent].name)) { return true }
            let next = tree[parent].parent
            guard !next.isNone, tree.kind(next) == .call, tree[next].firstChild == parent else { return false }
            node = next
        }
        return false
    }

    /// `$query`: a property wrapper's projected value (`$0`, a closure's argument, is not one).
    private func isProjectedValue(_ name: Symbol) -> Bool {
        let written = text(name).utf8
        guard written.count > 1, written.first == UInt8(ascii: "$") else { return false }
        let second = written[written.index(after: written.startIndex)]
        return !(second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9"))
    }

    /// Whether the call is made in a function of that name: an async overload forwarding to
    /// another overload of its name (Vapor's `webSocket(…) async` wrapping the future-based one,
    /// declared in another file), whose closure parameters the file does not show.
    private func isInFunction(named name: Symbol, _ call: NodeID) -> Bool {
        var current = tree[call].parent
        while !current.isNone {
            if tree.kind(current) == .function { return tree[current].name == name }
            if tree.kind(current) == .typeDecl { return false }
            current = tree[current].parent
        }
        return false
    }

    /// The name a call is known by: `Task` for `Task.init { … }`, else its last name.
    mutating func calledName(_ shape: SwiftCallShape) -> Symbol {
        if shape.isMember, isInit(shape.lastName), let base = shape.baseName(in: tree) { return base }
        return shape.lastName
    }

    /// The catalogue's task API this call is, if any (`Task`, `Task.detached`, `addTask`, …).
    mutating func taskAPI(for shape: SwiftCallShape, _ context: SwiftWalkContext) -> SwiftTaskPattern? {
        guard hasTaskAPINames else { return nil }
        let name = calledName(shape)
        let candidates = entries(name).taskAPIs
        if candidates.isEmpty { return nil }
        // `Task { }`, `Task.init { }`, or qualified by its module, `Swift.Task { }` (what an app
        // with a `Task` type of its own writes).
        let isInitializerCall = !shape.isMember || isInit(shape.lastName) || isModuleQualified(shape)
        for candidate in candidates {
            if candidate.typeName == nil {
                // `Task` names a type, so the entry is its initializer (`Task { }`, `Task.init { }`),
                // not a member that happens to share the name; `addTask` is matched on any receiver.
                // A type of the file's own of that name (`struct Task`) is what `Task { }` makes,
                // unless the call names the module (`Swift.Task { }`).
                if declaredTypeNames.contains(name) && !isModuleQualified(shape) { continue }
                if candidate.memberOnly {
                    // `.task { }`: a SwiftUI modifier, on a view or chained after one.
                    if shape.isMember { return candidate }
                    continue
                }
                if !isTypeLikeName(name) || isInitializerCall { return candidate }
            } else if receiverMatches(candidate.typeName, shape, context) {
                return candidate
            }
        }
        return nil
    }

    mutating func isOffload(_ shape: SwiftCallShape, _ context: SwiftWalkContext) -> Bool {
        for typeName in entries(calledName(shape)).offloadTypes where receiverMatches(typeName, shape, context) {
            return true
        }
        return false
    }

    /// Whether a call's receiver fits a context entry's `Type.member`: the name `Type` itself, a
    /// receiver inferred to be a `Type`, or an unknown receiver. Initializers (`Thread { }`) and
    /// entries without a type always fit.
    mutating func receiverMatches(_ typeName: String?, _ shape: SwiftCallShape, _ context: SwiftWalkContext) -> Bool {
        guard let typeName else { return true }
        guard shape.isMember else { return false }
        guard let base = shape.base else { return false }
        let receiver = tree.unwrappingTryAndAwait(base)
        if let named = typeReference(receiver) { return named == typeName }
        guard let inferred = inferredType(of: receiver, context: context) else { return true }
        return inferred == typeName
    }

    /// `Module.name`: the base is a module the catalogue lists (`Swift`, `Darwin`, …).
    mutating func isModuleQualified(_ shape: SwiftCallShape) -> Bool {
        guard shape.isMember, let base = shape.base, tree.kind(base) == .name else { return false }
        return entries(tree[base].name).isSystemModule
    }

    private func isTypeLikeName(_ symbol: Symbol) -> Bool {
        SwiftReceiverTypes.looksLikeTypeName(text(symbol))
    }

    /// An `await`, `for await` or `async let` in the closure's own body (not in nested closures,
    /// functions or types, which are contexts of their own).
    func containsDirectAwait(_ closure: NodeID) -> Bool {
        var stack: [NodeID] = Array(tree.children(closure))
        while let id = stack.popLast() {
            let node = tree[id]
            switch node.kind {
            case .await:
                return true
            case .closure, .function, .typeDecl:
                continue
            case .opaque where node.flags.contains(.isAsync):
                return true
            case .binding where node.flags.contains(.asyncLet):
                return true
            default:
                break
            }
            stack.append(contentsOf: tree.children(id))
        }
        return false
    }
}
