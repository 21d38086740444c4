import LightSyntax

/// Pass 1 for a Swift file, recorded during the per-file checker's own walk (so "blocks" means
/// what AL101–AL107 mean, with the same receiver types and shadowing, and the tree is walked
/// once): the file's functions and methods, the blocking calls each makes when it runs, and the
/// calls that may reach another project function.
extension SwiftFileCheck {
    /// Registers a `func` and returns its index in the summary, or -1 when its calls do not
    /// propagate (not summarizing, an accessor or initializer, a function local to another).
    mutating func summarizeFunction(_ function: NodeID, _ context: SwiftWalkContext) -> Int32 {
        guard summary != nil, !tree[function].detail.isNone, tree[function].detail == funcSymbol else { return -1 }
        var owner: String?
        if context.isTypeMemberLevel {
            guard let enclosing = context.enclosingType else { return -1 }
            owner = enclosing
        } else if !isFileLevel(function) {
            return -1
        }
        var parameters: [String] = []
        for child in tree.children(function) where tree.kind(child) == .parameter {
            let label = nameText(child).map { detailText(child) ?? $0 } ?? detailText(child) ?? "_"
            let hasDefault = tree.children(child).contains { tree.kind($0) != .typeAnnotation }
            parameters.append(hasDefault ? label + "=" : label)
        }
        let location = tree.anchorLocation(function)
        let name = nameText(function) ?? "?"
        guard var built = summary else { return -1 }
        summary = nil   // keeps the summary uniquely referenced while it grows
        let record = FunctionSummary(
            name: built.intern(name), qualifiedName: built.intern(owner.map { $0 + "." + name } ?? name),
            owner: owner.map { built.intern($0) }, parameters: parameters.map { built.intern($0) },
            isAsync: tree[function].flags.contains(.isAsync), line: Int32(location.line), column: Int32(location.column))
        built.functions.append(record)
        summary = built
        return Int32(built.functions.count - 1)
    }

    /// A declaration at file level (possibly inside `#if`).
    private func isFileLevel(_ node: NodeID) -> Bool {
        var current = tree[node].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .module: return true
            case .opaque where isIfConfig(current): current = tree[current].parent
            default: return false
            }
        }
        return false
    }

    /// A closure runs as part of its function's body only when it is called on the spot or
    /// handed to an API that runs it inline (`map`, `withLock`); stored, escaping and offloaded
    /// closures (`DispatchQueue.global().async {}`) run later, elsewhere.
    mutating func summaryFunction(inClosure closure: NodeID, _ context: SwiftWalkContext) -> Int32 {
        guard summary != nil, context.summaryFunction >= 0 else { return -1 }
        let parent = tree[closure].parent
        guard !parent.isNone else { return -1 }
        if tree.kind(parent) == .call && tree[parent].firstChild == closure { return context.summaryFunction }
        guard tree.kind(parent) == .argument else { return -1 }
        let call = tree[parent].parent
        guard !call.isNone, tree.kind(call) == .call else { return -1 }
        let shape = SwiftCallShape(call: call, in: tree)
        if isOffload(shape, context) || taskAPI(for: shape, context) != nil { return -1 }
        return entries(calledName(shape)).isInlineClosureAPI ? context.summaryFunction : -1
    }

    mutating func summarizeTypeDeclaration(_ typeDecl: NodeID, name: String) {
        guard summary != nil, tree.detailIs(typeDecl, "protocol") else { return }
        guard var built = summary else { return }
        summary = nil
        built.protocols.insert(built.intern(name))
        summary = built
    }

    mutating func summarizeCall(_ shape: SwiftCallShape, _ context: SwiftWalkContext) {
        guard summary != nil, !shape.lastName.isNone else { return }
        let role: CallSite.Role
        if context.isAsync {
            role = .inAsyncContext
        } else if context.summaryFunction >= 0 {
            role = .propagates
        } else {
            return
        }
        let labels = shape.labels(in: tree)
        // A catalogued call: in a sync function it makes the function block; in an async
        // context AL101–AL107 report it already (the project may be the library itself:
        // swift-nio's own `EventLoopFuture.wait`), so it is no AL110 candidate too.
        if entries(shape.lastName).hasCallPatterns || isInit(shape.lastName),
           let pattern = blockingPattern(for: shape, labels: labels, context),
           !(pattern.unlessAwaited && isAwaited(shape.call)) {
            if role != .propagates { return }
            let display = pattern.signature.display(actualLabels: labels, isCall: true)
            if PropagationExemptions.apis.contains(display) { return }
            let at = tree.range(shape.call).start
            guard var built = summary else { return }
            summary = nil
            let index = Int(context.summaryFunction)
            if built.functions[index].directBlocking == nil {
                built.functions[index].directBlocking = BlockingCallSummary(
                    description: built.intern(display), line: Int32(at.line), column: Int32(at.column))
            }
            summary = built
            return
        }
        let name = text(shape.lastName)
        var typeName: String?
        if shape.isMember {
            guard let base = shape.base else { return }
            let receiver = tree.unwrappingTryAndAwait(base)
            if tree.kind(receiver) != .name {
                // `Store().load()`, `store.items.first()`: typed only when inference can tell.
                guard let inferred = inferredType(of: receiver, context: context) else { return }
                typeName = inferred
            } else if tree[receiver].name == selfSymbol || tree.symbols.equals(tree[receiver].name, "Self") {
                guard let enclosing = context.enclosingType else { return }
                typeName = enclosing
            } else if let written = nameText(receiver), SwiftReceiverTypes.looksLikeTypeName(written),
                      !types.hasLocalBinding(tree[receiver].name) {
                typeName = written
            } else if let inferred = inferredType(of: receiver, context: context) {
                // `let store = Store()`, a typed parameter or stored property.
                typeName = inferred
            } else {
                return
            }
        } else {
            // `Foo(…)` constructs; a local closure or variable shadows any function of that name.
            if SwiftReceiverTypes.looksLikeTypeName(name) || types.hasLocalBinding(shape.lastName) { return }
        }
        let trailing = tree.children(shape.call).reduce(0) { count, child in
            tree.kind(child) == .argument && tree[child].flags.contains(.trailingClosure) ? count + 1 : count
        }
        let range = tree.range(shape.call)
        guard var built = summary else { return }
        summary = nil
        let labelText = built.intern(labels.joined(separator: ":"))
        let nameID = built.intern(name)
        let target: CallSite.Target = if let typeName {
            .member(type: built.intern(typeName), name: nameID, labels: labelText, trailingClosures: Int8(clamping: trailing))
        } else {
            .bare(enclosingType: context.enclosingType.map { built.intern($0) }, name: nameID, labels: labelText,
                  trailingClosures: Int8(clamping: trailing))
        }
        built.calls.append(CallSite(
            target: target, name: nameID, role: role, caller: context.summaryFunction,
            written: built.intern(tree.calleeText(ofCall: shape.call) + "(" + labels.map { $0 + ":" }.joined() + ")"),
            context: nil,
            startLine: Int32(range.start.line), startColumn: Int32(range.start.column),
            endLine: Int32(range.end.line), endColumn: Int32(range.end.column)))
        summary = built
    }
}
