import LightSyntax

/// The Python rules over one file's tree: AL101–AL107 in async contexts, AL201 and AL202
/// everywhere.
enum PythonChecker {
    static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        let model = PythonSemanticModel(tree: tree, catalogue: catalogue.python.index)
        return findings(model: model, path: path, catalogue: catalogue)
    }

    /// The check and pass 1's summary from one semantic model (built once per file).
    static func checkAndSummarize(_ tree: SyntaxTree, path: String, module: String, namespacePrefix: String = "",
                                  catalogue: RuleCatalogue) -> ([Finding], FileSummary) {
        let model = PythonSemanticModel(tree: tree, catalogue: catalogue.python.index)
        return (findings(model: model, path: path, catalogue: catalogue),
                PythonFileSummarizer.summarize(model: model, path: path, module: module, namespacePrefix: namespacePrefix))
    }

    private static func findings(model: PythonSemanticModel, path: String, catalogue: RuleCatalogue) -> [Finding] {
        let tree = model.tree
        var findings = PythonFindings(tree: tree, path: path, catalogue: catalogue,
                                      flavor: model.flavor)
        // Blocking calls matter only in async contexts: a file without `async def` has none.
        if PythonAsyncContexts.hasAsyncFunction(tree) {
            let blocking = PythonBlockingCallRule(model: model)
            PythonAsyncContexts.forEachCall(in: tree, scopes: model.scopes) { blocking.check($0, into: &findings) }
        }
        PythonOrphanedTaskRule(model: model).check(into: &findings)
        PythonMissingAwaitRule(model: model).check(into: &findings)
        return findings.findings.sorted(by: Finding.reportOrder)
    }
}
