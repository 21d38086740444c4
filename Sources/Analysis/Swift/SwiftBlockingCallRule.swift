import LightSyntax

/// AL101–AL107: a catalogued blocking call (or property read) in an async context.
extension SwiftFileCheck {
    mutating func checkBlockingCall(_ shape: SwiftCallShape, _ context: SwiftWalkContext) {
        guard !shape.lastName.isNone else { return }
        // Most calls name nothing the catalogue knows: skip them before collecting labels.
        guard entries(shape.lastName).hasCallPatterns || isInit(shape.lastName) else { return }
        let labels = labels(of: shape)
        // `try await x.f()` compiles without a warning only when `f` is async: an async overload
        // or another library's type of the same name (NIO's own `FileHandle`), not the blocking API.
        guard !isDirectlyAwaited(shape.call),
              let pattern = blockingPattern(for: shape, labels: labels, context) else { return }
        if pattern.unlessAwaited && isAwaited(shape.call) { return }
        var code = pattern.code
        var message = pattern.message
        var alternative = pattern.alternative
        var switchedCode: String?
        if let remoteCode = pattern.codeWhenRemoteURL,
           let first = shape.arguments(in: tree).first, let value = tree.argumentValue(first), isRemoteURL(value) {
            switchedCode = remoteCode
        }
        if let signalling = pattern.codeWhenSignalledIn, isSignalled(shape, in: signalling.members) {
            switchedCode = signalling.code
        }
        if let switchedCode {
            code = switchedCode
            if let group = catalogue.swift.blocking.first(where: { $0.code == switchedCode }) {
                message = group.message
                alternative = group.alternative
            }
        }
        let display = pattern.signature.display(actualLabels: labels, isCall: true)
        report(code, at: shape.call, message: "`\(display)` \(message)\(actorNote(context))",
               help: "Use \(alternative).", unlessProjectDeclares: shadowingDeclaration(shape, pattern))
    }

    /// In an actor's isolated sync method, what makes it a pool thread: the message says so.
    func actorNote(_ context: SwiftWalkContext) -> String {
        guard context.origin == .actorIsolated, let actor = enclosingType(context) else { return "" }
        return " (in a sync method of actor `\(actor)`, which runs on the cooperative pool and holds the actor)"
    }

    /// The declaration that, in another file of the module, would make the call the project's
    /// own: the free function's name (`usleep`), or the type named at the root of the receiver
    /// (`Thread.sleep(…)`, `FileManager.default.contents(…)`, `Data(contentsOf:)`). A call
    /// qualified by a system module (`Darwin.sleep`, `Foundation.Thread`) means the system's.
    mutating func shadowingDeclaration(_ shape: SwiftCallShape, _ pattern: SwiftBlockingPattern) -> ProjectDeclaration? {
        guard shape.isMember, let base = shape.base else {
            if pattern.form == .freeFunction { return .function(text(shape.lastName)) }
            return typeReference(shape.callee).map(ProjectDeclaration.type)
        }
        // Down the receivers to the first link: `FileManager` in `FileManager.default.contents(…)`.
        var node = tree.unwrappingTryAndAwait(base)
        for _ in 0..<16 {
            switch tree.kind(node) {
            case .name:
                guard !entries(tree[node].name).isSystemModule,
                      let typeName = typeReference(node) else { return nil }
                return .type(typeName)
            case .member where !tree[node].flags.contains(.implicitBase) && !tree[node].firstChild.isNone:
                node = tree.unwrappingTryAndAwait(tree[node].firstChild)
            case .call where !tree[node].firstChild.isNone:
                node = tree[node].firstChild
            default:
                return nil
            }
        }
        return nil
    }

    /// A read of a catalogued blocking property (`handle.availableData`).
    mutating func checkPropertyRead(_ member: NodeID, _ context: SwiftWalkContext) {
        let name = tree[member].name
        let candidates = entries(name).properties
        guard !candidates.isEmpty else { return }
        let node = tree[member]
        guard !node.flags.contains(.implicitBase), !node.firstChild.isNone else { return }
        let receiver = tree.unwrappingTryAndAwait(node.firstChild)
        guard typeReference(receiver) == nil else { return }   // a static property: not catalogued
        let receiverType = inferredType(of: receiver, context: context)
        guard let pattern = instancePattern(candidates, receiverType: receiverType, labels: nil, context) else { return }
        let display = pattern.signature.display(actualLabels: nil, isCall: false)
        report(pattern.code, at: member, message: "`\(display)` \(pattern.message)\(actorNote(context))",
               help: "Use \(pattern.alternative).")
    }

    mutating func blockingPattern(for shape: SwiftCallShape, labels: [String],
                                          _ context: SwiftWalkContext) -> SwiftBlockingPattern? {
        let found = entries(shape.lastName)
        guard shape.isMember else {
            // `Data(contentsOf: url)` or `usleep(100)`.
            if let initializer = found.initializers.first(where: { $0.signature.labels.matches(labels) }),
               let typeName = typeReference(shape.callee) {
                // `Data(contentsOf:)` where the file declares its own `Data`: not Foundation's.
                return tree.kind(shape.callee) == .name && isOwnType(typeName, context) ? nil : initializer
            }
            // A function the file defines, or a local closure, shadows the C library's.
            guard !isProjectFunction(shape.lastName, enclosingType: enclosingType(context)),
                  !types.hasLocalBinding(shape.lastName) else {
                return nil
            }
            return found.freeFunctions.first { $0.signature.labels.matches(labels) }
        }
        // `.foo()` with an implicit base: its type is not known here.
        guard let base = shape.base else { return nil }
        let receiver = tree.unwrappingTryAndAwait(base)
        if tree.kind(receiver) == .name, entries(tree[receiver].name).isSystemModule {
            // `Darwin.sleep(1)`, `Glibc.usleep(10)`.
            return found.freeFunctions.first { $0.signature.labels.matches(labels) }
        }
        if let typeName = typeReference(receiver) {
            // `Thread.sleep(…)` where the file declares `final class Thread`: the file's own.
            // (`Foundation.Thread.sleep(…)` names the system's.)
            if tree.kind(receiver) == .name && isOwnType(typeName, context) { return nil }
            if isInit(shape.lastName) {
                return entries(tree[receiver].name).initializers.first {
                    $0.signature.labels.matches(labels)
                }
            }
            return found.staticMembers.first { $0.signature.typeName == typeName && $0.signature.labels.matches(labels) }
        }
        guard !found.instanceMembers.isEmpty else { return nil }
        let receiverType = inferredType(of: receiver, context: context)
        if receiverType == nil && summarizing && context.isAsync { noteUnresolvedProperty(receiver, found, labels, context) }
        if let pattern = instancePattern(found.instanceMembers, receiverType: receiverType, labels: labels, context) {
            return pattern
        }
        guard receiverType == nil,
              let pattern = found.instanceMembers.first(where: {
                  $0.anyReceiverWithURLArgument && $0.signature.labels.matches(labels)
              }),
              let first = shape.arguments(in: tree).first, let value = tree.argumentValue(first),
              isURL(value, context) else { return nil }
        return pattern
    }

    /// `lock.lock()` or `self.lock.lock()` in an extension of a type declared in another file:
    /// `lock` is a stored property there, of a type this file cannot know. Pass 1 records it
    /// (`FileSummary.unresolvedProperties`) when the member is a catalogued instance member
    /// of a specific type, and the driver checks the file again with the property's type.
    private mutating func noteUnresolvedProperty(_ receiver: NodeID, _ found: SwiftNameEntries, _ labels: [String],
                                                 _ context: SwiftWalkContext) {
        guard let owner = enclosingType(context), !declaresType(owner),
              found.instanceMembers.contains(where: { !$0.anyReceiver && $0.signature.labels.matches(labels) }) else { return }
        var name = Symbol.none
        switch tree.kind(receiver) {
        case .name:
            let symbol = tree[receiver].name
            guard !types.hasLocalBinding(symbol), !types.hasTopLevelBinding(symbol) else { return }
            name = symbol
        case .member:
            let base = tree[receiver].firstChild
            guard !tree[receiver].flags.contains(.implicitBase), !base.isNone, tree.kind(base) == .name,
                  tree[base].name == selfSymbol else { return }
            name = tree[receiver].name
        default:
            return
        }
        guard !name.isNone, types.propertyType(name, ofType: owner) == nil else { return }
        let unresolved = PropertyTypeSummary(owner: summary.intern(owner), name: summaryID(of: name), type: -1)
        if !summary.unresolvedProperties.contains(unresolved) { summary.unresolvedProperties.append(unresolved) }
    }

    /// `URL(fileURLWithPath: p)`, `URL(string: s)!`, or a value inferred to be a `URL`.
    private mutating func isURL(_ expression: NodeID, _ context: SwiftWalkContext) -> Bool {
        let node = tree.unwrappingTryAndAwait(expression)
        if tree.kind(node) == .call {
            let callee = tree[node].firstChild
            return !callee.isNone && tree.kind(callee) == .name && tree.symbols.equals(tree[callee].name, "URL")
        }
        return inferredType(of: node, context: context) == "URL"
    }

    /// The entry for a receiver of this type; `FileHandle.standardInput` (a provider's pseudo
    /// type) falls back to `FileHandle`. With an unknown receiver only `anyReceiver` entries match;
    /// with a known receiver of another type nothing does (the project's own `waitUntilExit()`).
    private func instancePattern(_ candidates: [SwiftBlockingPattern], receiverType: String?,
                                 labels: [String]?, _ context: SwiftWalkContext?) -> SwiftBlockingPattern? {
        let fitting = candidates.filter { labels.map($0.signature.labels.matches) ?? true }
        guard let receiverType else { return fitting.first { $0.anyReceiver } }
        // A value of the file's own `FileManager` (`let t = Thread()` with `class Thread` here).
        if isOwnType(receiverType, context) { return nil }
        if let exact = fitting.first(where: { $0.signature.typeName == receiverType }) { return exact }
        if let dot = receiverType.lastIndex(of: ".") {
            let general = String(receiverType[..<dot])
            return fitting.first { $0.signature.typeName == general }
        }
        return nil
    }

    /// `s.wait()` where, in the same function or closure, a closure given to one of `members`
    /// (`URLSession.shared.dataTask(with: url) { … s.signal() }`) signals `s`.
    private func isSignalled(_ wait: SwiftCallShape, in members: [String]) -> Bool {
        guard let receiver = wait.baseName(in: tree) else { return false }
        var body = tree[wait.call].parent
        while !body.isNone, tree.kind(body) != .function, tree.kind(body) != .closure { body = tree[body].parent }
        guard !body.isNone else { return false }
        var stack: [NodeID] = [body]
        while let id = stack.popLast() {
            defer { stack.append(contentsOf: tree.children(id)) }
            guard tree.kind(id) == .call else { continue }
            let shape = callShape(id)
            guard shape.isMember, members.contains(text(shape.lastName)) else { continue }
            for argument in shape.arguments(in: tree) {
                if let closure = tree.argumentValue(argument), tree.kind(closure) == .closure,
                   signals(receiver, within: closure) {
                    return true
                }
            }
        }
        return false
    }

    private func signals(_ semaphore: Symbol, within closure: NodeID) -> Bool {
        var stack: [NodeID] = [closure]
        while let id = stack.popLast() {
            if tree.kind(id) == .call {
                let shape = callShape(id)
                if shape.isMember, text(shape.lastName) == "signal", shape.baseName(in: tree) == semaphore { return true }
            }
            stack.append(contentsOf: tree.children(id))
        }
        return false
    }

    /// Whether the call is the operand of an `await` (through `try` only).
    private func isDirectlyAwaited(_ call: NodeID) -> Bool {
        var current = tree[call].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .await: return true
            case .tryExpr: current = tree[current].parent
            default: return false
            }
        }
        return false
    }

    /// Whether an `await` covers the call (`try await db.read { }` picks GRDB's async overload).
    func isAwaited(_ call: NodeID) -> Bool {
        var current = tree[call].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .await: return true
            case .block, .closure, .function, .typeDecl, .module, .expressionStatement: return false
            default: current = tree[current].parent
            }
        }
        return false
    }
}
