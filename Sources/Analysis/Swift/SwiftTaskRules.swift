import LightSyntax

/// AL201 (a `Task {}` started in async code with its handle discarded) and AL204 (a throwing
/// `Task {}` with its handle discarded, in any context).
extension SwiftFileCheck {
    mutating func checkTaskStatement(_ shape: SwiftCallShape, _ context: SwiftWalkContext) {
        guard let task = taskAPI(for: shape, context), task.unstructured, isDiscarded(shape.call) else { return }
        let bodies = shape.arguments(in: tree).compactMap { argument -> NodeID? in
            guard task.closureLabels.contains(nameText(argument) ?? "_"),
                  let value = tree.argumentValue(argument), tree.kind(value) == .closure else { return nil }
            return value
        }
        // `Task(operation: op)`: a function value, not a closure written here. The task is still
        // orphaned (AL201); whether it can throw is not known (no AL204).
        let namedOperation = bodies.isEmpty && shape.arguments(in: tree).contains { argument in
            guard nameText(argument) == "operation", let value = tree.argumentValue(argument) else { return false }
            return tree.kind(value) == .name || tree.kind(value) == .member
        }
        guard let body = bodies.first ?? (namedOperation ? NodeID.none : nil) else { return }
        let written = shape.isMember && !isInit(shape.lastName) && !isModuleQualified(shape) ? "Task.\(text(shape.lastName))" : "Task"
        // Both rules can apply to the same task, and the checker makes both: AL201 is about where
        // the work belongs (structured concurrency could own it), AL204 about its error vanishing.
        // The driver then reports AL201 alone when both survive (`Linter.withoutSubsumedFindings`),
        // so AL201 says that the error vanishes too.
        let canThrow = !body.isNone && closureCanThrow(body)
        let errorToo = canThrow ? ", and the error it can throw vanishes" : ""
        // (An actor's sync method starting a task is how sync code hands work to async code.)
        if context.isAsync && context.origin != .actorIsolated {
            if context.origin == .taskClosure {
                report("AL201", at: shape.call,
                       message: "`\(written) { … }` nested in a `Task { … }` with its handle discarded: it is neither awaited nor cancelled with the outer task\(errorToo); use `async let` or `withTaskGroup` inside the outer task",
                       help: "Use `async let` or `withTaskGroup` so the outer task owns the work.")
            } else {
                report("AL201", at: shape.call,
                       message: "`\(written) { … }` started in an async context with its handle discarded: the work escapes cancellation and error propagation\(errorToo); use `async let` or `withTaskGroup`, or keep the handle and await it",
                       help: "Use `async let` or `withTaskGroup`, or keep the task's handle and await or cancel it.")
            }
        }
        if canThrow {
            report("AL204", at: shape.call,
                   message: "`\(written) { … }` can throw but its handle is discarded, so the error vanishes; catch it inside the closure with `do`/`catch`, or keep the handle and `try await task.value`",
                   help: "Wrap the throwing code in `do`/`catch` inside the task, or keep the handle and read `try await task.value`.")
        }
    }

    /// The handle is thrown away: the call is a statement of its own, assigned to `_`, or the
    /// value of a `let _ =` / `var _ =` binding (a type annotation changes nothing). A lone
    /// statement that is the implicit return of a function with a result (`func f() -> Task<…> {
    /// Task { … } }`) or of a getter keeps it. `async let _ = Task { … }` is left to AL203, which
    /// already reports the binding.
    func isDiscarded(_ call: NodeID) -> Bool {
        let parent = tree[call].parent
        guard !parent.isNone else { return false }
        switch tree.kind(parent) {
        case .expressionStatement:
            return !isImplicitReturn(parent)
        case .assignment:
            guard let target = tree.children(parent).first(where: { _ in true }), target != call,
                  tree.kind(target) == .name, tree[target].name == underscoreSymbol else { return false }
            return tree.lastChild(parent) == call
        case .binding:
            let node = tree[parent]
            // The detail is `async let` for an `async let` binding.
            guard !node.name.isNone, node.name == underscoreSymbol,
                  tree.detailIs(parent, "let") || tree.detailIs(parent, "var") else { return false }
            return tree.lastChild(parent) == call
        default:
            return false
        }
    }

    /// The lone statement of a body whose value is returned: a function's with a result, a
    /// getter's, a closure's whose value is used, or a branch of an `if` expression that is
    /// itself such a statement (`if b { Task { … } } else { Task { … } }`, SE-0380).
    private func isImplicitReturn(_ statement: NodeID) -> Bool {
        var statement = statement
        while true {
            let block = tree[statement].parent
            guard !block.isNone, tree.kind(block) == .block, tree[block].firstChild == statement,
                  tree[statement].nextSibling.isNone else { return false }
            let owner = tree[block].parent
            guard !owner.isNone else { return false }
            switch tree.kind(owner) {
            case .function:
                return tree.firstChild(owner, ofKind: .typeAnnotation) != nil || tree.detailIs(owner, "get")
            case .closure:
                return closureResultIsUsed(owner)
            case .opaque where tree.detailIs(owner, "if") && endsWithElse(owner):
                statement = owner
            default:
                return false
            }
        }
    }

    /// Whether an `if` has a final `else` (an `if` without one is no expression): its children
    /// are conditions and blocks, so its last two are blocks only then.
    private func endsWithElse(_ ifNode: NodeID) -> Bool {
        let parts = tree.childArray(ifNode)
        return parts.count >= 3 && tree.kind(parts[parts.count - 1]) == .block && tree.kind(parts[parts.count - 2]) == .block
    }

    /// Whether a closure's value (its lone expression, `{ Task { … } }`) is used rather than
    /// dropped: it declares a result (`{ () -> Task<Int, Error> in … }`), it is stored
    /// (`let make = { … }`, unless declared to return `Void`), or a transform collects it
    /// (`ids.map { id in Task { … } }`). A closure passed anywhere else (`Button { Task { … } }`,
    /// `forEach`) is taken to return `Void`, which drops it.
    private func closureResultIsUsed(_ closure: NodeID) -> Bool {
        if let result = tree.firstChild(closure, ofKind: .typeAnnotation) { return !isVoid(result) }
        let parent = tree[closure].parent
        guard !parent.isNone else { return false }
        switch tree.kind(parent) {
        case .binding:
            return tree.firstChild(parent, ofKind: .typeAnnotation).map { !isVoid($0) } ?? true
        case .argument:
            let call = tree[parent].parent
            guard !call.isNone, tree.kind(call) == .call, let callee = tree.firstChild(call),
                  let name = tree.name(callee) else { return false }
            return Self.collectingTransforms.contains(name)
        default:
            return false
        }
    }

    /// Calls that keep each value their closure returns.
    private static let collectingTransforms: Set<String> = ["map", "compactMap", "flatMap", "mapValues", "compactMapValues"]

    /// A result type of `Void`, `()`, or a function type returning one (the tree keeps a type
    /// annotation's text without spaces).
    private func isVoid(_ annotation: NodeID) -> Bool {
        guard let text = tree.name(annotation) else { return false }
        return text == "Void" || text == "()" || text.hasSuffix("->Void") || text.hasSuffix("->()")
    }

    /// `for try await x in s`: the tree marks the loop async but keeps no node for its `try`,
    /// so the keyword is read from the source line.
    private func isForTryAwait(_ loop: NodeID) -> Bool {
        let start = tree.range(loop).start
        let scalars = Array(tree.lineMap.lineText(start.line).unicodeScalars.dropFirst(start.column - 1))
        let words = String(String.UnicodeScalarView(scalars.prefix(40))).split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.count >= 2 && words[0] == "for" && words[1] == "try"
    }

    /// `catch { }` or `catch let error { }`: a clause with no pattern but a binding, and no
    /// `where` (both parts come before the clause's block). `catch let e as URLError`,
    /// `catch is CancellationError` or `catch .timeout` let other errors through.
    func catchesEverything(_ clause: NodeID) -> Bool {
        let parts = tree.childArray(clause)
        guard let block = parts.last, tree.kind(block) == .block else { return false }
        return parts.count == 1 || (parts.count == 2 && tree.kind(parts[0]) == .name)
    }

    /// A `try` (not `try?`/`try!`) or a `throw` in the closure's own body that no `do`/`catch`
    /// around it handles; nested closures and functions throw on their own account.
    func closureCanThrow(_ closure: NodeID) -> Bool {
        var stack: [NodeID] = Array(tree.children(closure))
        while let id = stack.popLast() {
            let node = tree[id]
            switch node.kind {
            case .tryExpr where tree.detailIs(id, "try"):
                return true
            case .returnStatement where tree.detailIs(id, "throw"):
                return true
            case .closure, .function, .typeDecl:
                continue
            case .opaque where node.flags.contains(.isAsync) && isForTryAwait(id):
                return true
            case .opaque where node.flags.contains(.hasCatch):
                // The `do` body is covered when a catch clause takes every error; what the
                // clauses do is not.
                let parts = tree.childArray(id)
                stack.append(contentsOf: parts.dropFirst().contains(where: catchesEverything) ? parts.dropFirst() : parts[...])
                continue
            default:
                break
            }
            stack.append(contentsOf: tree.children(id))
        }
        return false
    }
}
