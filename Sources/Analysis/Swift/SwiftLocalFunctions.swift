import LightSyntax

/// A sync function declared inside another function or closure (`func nested() { usleep(1) }`).
/// It is visible only in its own scope, so the project index (which resolves calls across
/// files) never sees it; the file's walk settles calls of it instead: AL110 when async code
/// calls one that makes a catalogued blocking call of its own.
struct SwiftLocalFunction {
    var name: Symbol
    var declaration: NodeID
    /// The block (or `#if` branch) that declares it: calls of it are inside.
    var scope: NodeID
    /// Its first catalogued blocking call, written as a finding names it (nil: none seen).
    var blockingCall: String?
    var blockingCallNode = NodeID.none
}

extension SwiftFileCheck {
    /// Registers a local sync `func` and returns its index in `localFunctions` (-1: the function
    /// is not one: a method, a top-level or async function, or a file without async code, where
    /// no call of it could be in an async context).
    mutating func registerLocalFunction(_ function: NodeID) -> Int32 {
        guard mayHaveAsyncCode, !tree[function].flags.contains(.isAsync), !tree[function].detail.isNone,
              tree[function].detail == funcSymbol, !tree[function].name.isNone else { return -1 }
        let scope = tree[function].parent
        var current = scope
        while !current.isNone {
            switch tree.kind(current) {
            case .function, .closure:
                localFunctions.append(SwiftLocalFunction(name: tree[function].name, declaration: function, scope: scope))
                let index = Int32(localFunctions.count - 1)
                localFunctionsByName[tree[function].name, default: []].append(index)
                return index
            case .typeDecl, .module:
                return -1
            default:
                current = tree[current].parent
            }
        }
        return -1
    }

    /// Records a local function's first catalogued blocking call (AL101–AL107's patterns, less the
    /// critical-section locks that do not make a function "block" for AL110 either).
    mutating func recordBlockingCall(_ shape: SwiftCallShape, inLocalFunction index: Int32, _ context: SwiftWalkContext) {
        guard localFunctions[Int(index)].blockingCall == nil, !shape.lastName.isNone,
              entries(shape.lastName).hasCallPatterns || isInit(shape.lastName) else { return }
        let callLabels = labels(of: shape)
        guard let pattern = blockingPattern(for: shape, labels: callLabels, context),
              !(pattern.unlessAwaited && isAwaited(shape.call)) else { return }
        let display = pattern.signature.display(actualLabels: callLabels, isCall: true)
        if PropagationExemptions.apis.contains(display) { return }
        localFunctions[Int(index)].blockingCall = display
        localFunctions[Int(index)].blockingCallNode = shape.call
    }

    /// The local function a bare call means: of those of its name declared before it in a scope
    /// around it, the one in the innermost scope; nil when there is none, or when that scope
    /// declares several (overloads: which one is meant is not told here).
    func localFunction(calledBy shape: SwiftCallShape) -> Int32? {
        guard !localFunctions.isEmpty, !shape.isMember, let candidates = localFunctionsByName[shape.lastName] else {
            return nil
        }
        var best: Int32?
        var bestDepth = Int.max
        var ambiguous = false
        for index in candidates {
            let local = localFunctions[Int(index)]
            guard local.declaration < shape.call, let depth = distance(from: shape.call, up: local.scope) else { continue }
            if depth < bestDepth {
                best = index
                bestDepth = depth
                ambiguous = false
            } else if depth == bestDepth {
                ambiguous = true
            }
        }
        return ambiguous ? nil : best
    }

    /// How many parents up from `node` the `ancestor` is (nil: it is not an ancestor).
    private func distance(from node: NodeID, up ancestor: NodeID) -> Int? {
        var current = tree[node].parent
        var steps = 1
        while !current.isNone {
            if current == ancestor { return steps }
            current = tree[current].parent
            steps += 1
        }
        return nil
    }

    /// AL110 for a call in async code of a local function that blocks.
    mutating func checkLocalFunctionCall(_ shape: SwiftCallShape, _ index: Int32) {
        let local = localFunctions[Int(index)]
        guard let blockingCall = local.blockingCall,
              let rule = catalogue.rules.last(where: { $0.code == "AL110" }) else { return }
        let name = text(local.name)
        let declared = tree.anchorLocation(local.declaration)
        let blocking = tree.range(local.blockingCallNode).start
        let chain = [
            ChainHop(name: name, path: path, line: declared.line, column: declared.column),
            ChainHop(name: blockingCall, path: path, line: blocking.line, column: blocking.column),
        ]
        findings.append(.blockingViaHelper(path: path, range: tree.range(shape.call), rule: rule, language: .swift,
                                           callee: "\(name)(\(labels(of: shape).map { $0 + ":" }.joined()))",
                                           asyncFunction: nil, chain: chain))
    }
}
