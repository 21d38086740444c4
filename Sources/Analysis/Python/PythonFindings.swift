import LightSyntax

/// Collects one file's Python findings, with each rule's metadata from the catalogue.
struct PythonFindings {
    let tree: SyntaxTree
    let path: String
    let catalogue: RuleCatalogue
    /// The file's async library: the advice names its APIs.
    let flavor: PythonLibraryFlavor
    private(set) var findings: [Finding] = []

    init(tree: SyntaxTree, path: String, catalogue: RuleCatalogue, flavor: PythonLibraryFlavor = .asyncio) {
        self.tree = tree
        self.path = path
        self.catalogue = catalogue
        self.flavor = flavor
    }

    /// Reports `code` over the node's range (a call: from its callee's start to its `)`).
    /// A rule missing from the catalogue reports nothing: the catalogue decides what exists.
    mutating func report(_ code: String, at node: NodeID, message: String, help: String) {
        guard let rule = catalogue.rule(code: code) else { return }
        findings.append(Finding(path: path, range: tree.range(node), rule: rule, language: .python,
                                message: flavor.translate(message), help: flavor.translate(help)))
    }
}
