import LightSyntax

/// The Swift rules over one file's tree.
enum SwiftChecker {
    static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue) -> [Finding] {
        []
    }
}
