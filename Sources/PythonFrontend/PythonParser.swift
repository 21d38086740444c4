import LightSyntax

/// The Python front end: bytes ─► lexer ─► parser ─► LightSyntax tree. Never throws.
///
/// The mapping onto the tree is the one in `Sources/LightSyntax/README.md`. One addition: a
/// Python `typeAnnotation` holds the annotation expression as its child, because annotations
/// are evaluated expressions (`x: Annotated[int, Field(gt=0)]` calls `Field`).
public enum PythonParser {
    public static func parse(_ source: [UInt8]) -> SyntaxTree {
        let lineMap = LineMap(source: source)
        return source.withUnsafeBufferPointer { bytes in
            let (tokens, problems) = PythonLexer.tokenize(bytes)
            return tokens.withUnsafeBufferPointer { tokenBuffer in
                var builder = PythonTreeBuilder(lineMap: lineMap, source: UnsafeRawBufferPointer(bytes), tokens: tokenBuffer)
                builder.tree.problems.append(contentsOf: problems)
                builder.parseModule()
                return builder.tree
            }
        }
    }
}
