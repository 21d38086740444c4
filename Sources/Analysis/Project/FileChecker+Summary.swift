import LightSyntax

extension FileChecker {
    /// Pass 3's per-file findings and pass 1's summary from one job, so the tree can be dropped
    /// right after (the findings that need the whole project come from `ProjectIndex`).
    /// `namespacePrefix`: Python's namespace packages above the module (`ProjectLayout.namespacePrefix`).
    /// `propertyReads`: Swift's summary records the property reads that may run a getter, which
    /// only the project index reads (a run without it summarizes Swift files for the other
    /// files' facts: types, actors, declarations).
    public static func checkAndSummarize(_ tree: SyntaxTree, path: String, module: String, namespacePrefix: String = "",
                                         catalogue: RuleCatalogue, propertyReads: Bool = true) -> ([Finding], FileSummary) {
        switch tree.language {
        case .python: return PythonChecker.checkAndSummarize(tree, path: path, module: module, namespacePrefix: namespacePrefix,
                                                             catalogue: catalogue)
        case .swift: return SwiftChecker.checkAndSummarize(tree, path: path, module: module, catalogue: catalogue,
                                                           propertyReads: propertyReads)
        }
    }
}

extension FileChecker {
    /// Pass 1 alone, for a file the project index asked for: one with no per-file finding.
    public static func summarize(_ tree: SyntaxTree, path: String, module: String, namespacePrefix: String = "",
                                 catalogue: RuleCatalogue) -> FileSummary {
        switch tree.language {
        case .python:
            return PythonFileSummarizer.summarize(model: PythonSemanticModel(tree: tree, catalogue: catalogue.python.index),
                                                  path: path, module: module, namespacePrefix: namespacePrefix)
        case .swift:
            return SwiftChecker.checkAndSummarize(tree, path: path, module: module, catalogue: catalogue).1
        }
    }
}
