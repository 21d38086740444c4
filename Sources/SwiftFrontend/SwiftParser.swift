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
            // The tokens move to the parser, which may write into them (a `>>` closing two generic
            // lists is split in place): were the lexer still holding them, that write would copy
            // the whole array, in every file that has one.
            var tokens: [Token] = []
            swap(&tokens, &lexer.tokens)
            var parser = Parser(source: p, tree: tree, tokens: consume tokens)
            tree = SyntaxTree(language: .swift, lineMap: LineMap(source: []))  // release the copy
            parser.parseModule()
            parser.normalizeRanges()
            tree = parser.tree
        }
        return tree
    }
}
