import LightSyntax

/// The Python rules over one file's tree.
enum PythonChecker {
    static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        []
    }
}
