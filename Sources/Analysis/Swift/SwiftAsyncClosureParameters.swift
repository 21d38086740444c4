import LightSyntax

/// The parameters of a function the file declares that take an async function
/// (`func retry<T>(_ op: () async throws -> T)`): a closure passed there is async code, whether
/// or not it awaits (DESIGN.md, "Async contexts").
struct SwiftAsyncClosureParameters: Equatable {
    /// External labels of the async-typed parameters (`Symbol.none`: `_`, an unlabelled argument).
    var labels: Set<Symbol> = []
    /// The last parameter is async-typed: a trailing closure is passed to it.
    var lastIsAsync = false

    var isEmpty: Bool { labels.isEmpty && !lastIsAsync }

    /// What every declaration agrees on (overloads of one name, the same name in several types).
    func intersection(_ other: SwiftAsyncClosureParameters) -> SwiftAsyncClosureParameters {
        SwiftAsyncClosureParameters(labels: labels.intersection(other.labels), lastIsAsync: lastIsAsync && other.lastIsAsync)
    }

    /// Whether a closure argument with this label (`Symbol.none` when unlabelled) goes to an
    /// async-typed parameter; a trailing closure goes to the last parameter.
    func accepts(label: Symbol, trailing: Bool) -> Bool {
        trailing && label.isNone ? lastIsAsync : labels.contains(label)
    }
}

extension SwiftFileCheck {
    /// The async-typed parameters of a `func` (empty when it has none).
    func asyncParameters(of function: NodeID) -> SwiftAsyncClosureParameters {
        var found = SwiftAsyncClosureParameters()
        var child = tree[function].firstChild
        while !child.isNone {
            let node = tree[child]
            if node.kind == .parameter {
                let annotation = node.firstChild
                let isAsync = !annotation.isNone && tree.kind(annotation) == .typeAnnotation
                    && tree[annotation].flags.contains(.isAsync)
                if isAsync {
                    // The detail is the external label (`_` for none); absent when it is the name.
                    let label = node.detail.isNone ? node.name : (node.detail == underscoreSymbol ? Symbol.none : node.detail)
                    found.labels.insert(label)
                }
                // A defaulted parameter after the closure (`isolation: isolated (any Actor)? =
                // #isolation`) takes no trailing closure.
                let hasDefault = !annotation.isNone && !tree[annotation].nextSibling.isNone
                if isAsync || !hasDefault { found.lastIsAsync = isAsync }
            }
            child = node.nextSibling
        }
        return found
    }
}
