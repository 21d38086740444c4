extension PythonCatalogue {
    /// This catalogue with another's entries added: a user's config extends the embedded one
    /// (the Python twin of `SwiftCatalogue.merged(with:)`).
    public func merged(with other: PythonCatalogue) -> PythonCatalogue {
        PythonCatalogue(builtins: builtins + other.builtins,
                        calls: calls + other.calls,
                        types: types + other.types,
                        pureFunctions: pureFunctions + other.pureFunctions,
                        coroutines: coroutines + other.coroutines,
                        transparentDecorators: transparentDecorators + other.transparentDecorators,
                        offloadDecorators: offloadDecorators + other.offloadDecorators,
                        taskCreators: taskCreators + other.taskCreators,
                        offloads: offloads + other.offloads,
                        loopCallbacks: loopCallbacks + other.loopCallbacks)
    }

    /// Every rule code an entry names, so a config that names an unknown code is an error.
    public var referencedRuleCodes: [String] {
        calls.map(\.rule) + types.flatMap { type in
            (type.methods ?? []).map(\.rule) + (type.anyMethod.map { [$0.rule] } ?? [])
        }
    }
}
