import LightSyntax

/// The walk over the whole file, in source order, carrying whether the code is an async context
/// (DESIGN.md, "Async contexts") and which names are in scope. It uses an explicit stack: a long
/// method chain nests deeply, and checks may run on threads with small stacks.
extension SwiftFileCheck {
    /// A node whose children are being walked: the context they inherit, the next child to
    /// visit, and whether the node opened a scope (left once its last child is done).
    private struct WalkFrame {
        var context: SwiftWalkContext
        var next: NodeID
        var opensScope: Bool
    }

    mutating func walk() {
        // `current` is the innermost frame, kept out of the array: the array changes only when
        // the walk goes down into a node's children or back up, not once per node.
        var ancestors: [WalkFrame] = []
        ancestors.reserveCapacity(64)
        var current = WalkFrame(context: SwiftWalkContext(origin: .none), next: tree.root, opensScope: false)
        while true {
            let child = current.next
            if child.isNone {
                if current.opensScope { types.leaveScope() }
                guard let parent = ancestors.popLast() else { return }
                current = parent
                continue
            }
            current.next = tree[child].nextSibling
            if let inner = visit(child, current.context) {
                ancestors.append(current)
                current = inner
            }
        }
    }

    /// Checks a node and returns the frame for walking its children (nil: nothing to walk and
    /// no scope to leave).
    private mutating func visit(_ id: NodeID, _ context: SwiftWalkContext) -> WalkFrame? {
        var inner = context
        inner.isTypeMemberLevel = false
        var opensScope = false
        switch tree.kind(id) {
        case .module, .block:
            opensScope = true
            inner.isTypeMemberLevel = context.isTypeMemberLevel && tree.kind(id) == .block
        case .function:
            // Accessors (`get async`) and initializers are functions too.
            inner.origin = tree[id].flags.contains(.isAsync) ? .asyncFunction
                : isActorIsolatedSyncMethod(id, context) ? .actorIsolated : .none
            if summarizing { inner.summaryFunction = summarizeFunction(id, context) }
            inner.localFunction = registerLocalFunction(id)
            opensScope = true
        case .closure:
            inner.origin = closureOrigin(id, context)
            if summarizing { inner.summaryFunction = summaryFunction(inClosure: id, context) }
            // A closure in a local function may run later, elsewhere: its calls are not the function's.
            inner.localFunction = -1
            opensScope = true
        case .typeDecl:
            inner.origin = .none
            if let written = nameText(id) {
                let typeName = normalizedTypeName(tree[id].name) ?? written
                inner.enclosingTypeIndex = Int32(enclosingTypeNames.count)
                enclosingTypeNames.append(typeName)
                enclosingTypeSummaryIDs.append(-1)
                if summarizing { summarizeTypeDeclaration(id, name: typeName) }
            }
            inner.summaryFunction = -1
            inner.localFunction = -1
            inner.isTypeMemberLevel = true
            opensScope = true
        case .parameter:
            // Default values are evaluated by the caller; only the name and type matter here.
            types.declare(tree[id].name, typeName: declaredType(of: id, context: context))
            return nil
        case .binding:
            declareBinding(id, context)
            if tree[id].flags.contains(.asyncLet) { checkAsyncLet(id) }
        case .call:
            checkCall(id, context)
        case .member:
            // Pass 1 records a read only where it may run a getter that matters: in async code
            // or in a summarized function (whose blocking propagates).
            let recordsRead = summarizing && summarizesReads && (context.isAsync || context.summaryFunction >= 0)
            if (context.isAsync || recordsRead) && !isCallee(id) {
                if context.isAsync { checkPropertyRead(id, context) }
                if recordsRead { summarizePropertyRead(id, context) }
            }
        case .name:
            if summarizing && summarizesReads && (context.isAsync || context.summaryFunction >= 0) && !isCallee(id) {
                summarizePropertyRead(id, context)
            }
        case .subscript:
            if summarizing && summarizesReads && (context.isAsync || context.summaryFunction >= 0) { summarizePropertyRead(id, context) }
        case .opaque where isIfConfig(id):
            inner.isTypeMemberLevel = context.isTypeMemberLevel
        default:
            break
        }
        if opensScope { types.enterScope() }
        let first = tree[id].firstChild
        guard opensScope || !first.isNone else { return nil }
        return WalkFrame(context: inner, next: first, opensScope: opensScope)
    }

    /// A local `let`/`var` (stored properties were collected before the walk).
    private mutating func declareBinding(_ binding: NodeID, _ context: SwiftWalkContext) {
        guard !context.isTypeMemberLevel else { return }
        let name = tree[binding].name
        if name.isNone {
            // A tuple pattern: its names are unknown values that shadow outer ones.
            for child in tree.children(binding) where tree.kind(child) == .name {
                types.declare(tree[child].name, typeName: nil)
            }
            return
        }
        let value = bindingValue(binding)
        types.declare(name, typeName: declaredType(of: binding, context: context),
                      isRemoteURL: value.map(isRemoteURL) ?? false)
    }

    /// (Inlined: a call of a non-mutating method from the mutating walk copied the whole
    /// check, a `memcpy` per name in pass 1.)
    @inline(__always) private func isCallee(_ id: NodeID) -> Bool {
        let parent = tree[id].parent
        return !parent.isNone && tree.kind(parent) == .call && tree[parent].firstChild == id
    }

    private mutating func checkCall(_ call: NodeID, _ context: SwiftWalkContext) {
        let shape = callShape(call)
        if context.isAsync { checkBlockingCall(shape, context) }
        if !localFunctions.isEmpty {
            if context.localFunction >= 0 && !context.isAsync {
                recordBlockingCall(shape, inLocalFunction: context.localFunction, context)
            }
            if context.isAsync, let local = localFunction(calledBy: shape) { checkLocalFunctionCall(shape, local) }
        }
        checkTaskStatement(shape, context)
        if summarizing { summarizeCall(shape, context) }
    }
}
