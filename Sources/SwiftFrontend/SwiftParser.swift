import LightSyntax

/// The Swift front end: bytes ─► lexer ─► parser ─► LightSyntax tree. Never throws: malformed
/// input yields `opaque` nodes and `problems` on the tree.
public enum SwiftParser {
    public static func parse(_ source: [UInt8]) -> SyntaxTree {
        var tree = SyntaxTree(language: .swift, lineMap: LineMap(source: source))
        source.withUnsafeBufferPointer { p in
            var lexer = Lexer(p)
            lexer.run()
            for (offset, message) in lexer.problems { tree.addProblem(at: offset, message) }
            var parser = Parser(source: p, tree: tree, tokens: lexer.tokens)
            tree = SyntaxTree(language: .swift, lineMap: LineMap(source: []))  // release the copy
            parser.parseModule()
            parser.normalizeRanges()
            tree = parser.tree
        }
        return tree
    }
}
