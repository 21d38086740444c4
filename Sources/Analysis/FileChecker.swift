import LightSyntax

/// Pass 3 of the pipeline for one file: walk every async context and report what blocks.
public enum FileChecker {
    /// A Swift file checked again knowing the stored property types of types it extends that
    /// other files declare (type → property → its type; see `FileSummary.unresolvedProperties`).
    /// `actors`: actors that other files of the module declare (`CrossFileActors`).
    public static func checkSwift(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue,
                                  properties: [String: [String: String]], actors: Set<String> = []) -> [Finding] {
        SwiftChecker.check(tree, path: path, catalogue: catalogue, properties: properties, actors: actors)
    }

    /// A Swift file's findings and summary made again knowing the actors that other files of its
    /// module declare and it extends (`CrossFileActors`).
    public static func checkAndSummarizeSwift(_ tree: SyntaxTree, path: String, module: String, catalogue: RuleCatalogue,
                                              actors: Set<String>) -> ([Finding], FileSummary) {
        SwiftChecker.checkAndSummarize(tree, path: path, module: module, catalogue: catalogue, actors: actors)
    }

    public static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        switch tree.language {
        case .python: return PythonChecker.check(tree, path: path, catalogue: catalogue)
        case .swift: return SwiftChecker.check(tree, path: path, catalogue: catalogue)
        }
    }
}
