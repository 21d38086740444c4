import LightSyntax

/// Pass 3 of the pipeline for one file: walk every async context and report what blocks.
public enum FileChecker {
    /// A Swift file checked again knowing the stored property types of types it extends that
    /// other files declare (type → property → its type; see `FileSummary.unresolvedProperties`).
    public static func checkSwift(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue,
                                  properties: [String: [String: String]]) -> [Finding] {
        SwiftChecker.check(tree, path: path, catalogue: catalogue, properties: properties)
    }

    public static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        switch tree.language {
        case .python: return PythonChecker.check(tree, path: path, catalogue: catalogue)
        case .swift: return SwiftChecker.check(tree, path: path, catalogue: catalogue)
        }
    }
}
