import LightSyntax

/// Pass 3 of the pipeline for one file: walk every async context and report what blocks.
public enum FileChecker {
    public static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        switch tree.language {
        case .python: return PythonChecker.check(tree, path: path, catalogue: catalogue)
        case .swift: return SwiftChecker.check(tree, path: path, catalogue: catalogue)
        }
    }
}
