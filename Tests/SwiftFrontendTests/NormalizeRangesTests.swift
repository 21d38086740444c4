import LightSyntax
import Testing
@testable import SwiftFrontend

/// `Parser.normalizeRanges` walks the child and parent links without a stack; the stack-based
/// pass it falls back on must give the same ranges, and every node must hold its children.
@Suite struct NormalizeRangesTests {
    static let sources = [
        "func f() async throws -> Int { let x = try await g(a, b: { $0 + 1 }) ; return x }",
        "class A { func g( }",
        "let v = [1, 2, (3",
        "x.y(z) { a in a.b[c]?.d! } .e { }",
        "#if os(Linux)\nimport Glibc\n#else\nimport Darwin\n#endif\nstruct S { var a: Int { get { 1 } } }",
        "",
    ]

    /// Both passes over a tree whose ranges were all collapsed to their start.
    static func normalizedBothWays(_ text: String) -> (linked: [SyntaxNode], stacked: [SyntaxNode]) {
        let bytes = Array(text.utf8)
        var collapsed = SwiftParser.parse(bytes)
        for k in collapsed.nodes.indices { collapsed.nodes[k].end = collapsed.nodes[k].start }
        return bytes.withUnsafeBufferPointer { p in
            var lexer = Lexer(p)
            lexer.run()
            var linked = Parser(source: p, tree: collapsed, tokens: lexer.tokens)
            linked.normalizeRanges()
            var stacked = Parser(source: p, tree: collapsed, tokens: lexer.tokens)
            stacked.normalizeRangesWithStack()
            return (linked.tree.nodes, stacked.tree.nodes)
        }
    }

    @Test(arguments: sources)
    func theLinkedPassMatchesTheStackPass(_ text: String) {
        let (linked, stacked) = Self.normalizedBothWays(text)
        #expect(linked.map(\.start) == stacked.map(\.start))
        #expect(linked.map(\.end) == stacked.map(\.end))
    }

    @Test(arguments: sources)
    func everyNodeHoldsItsChildren(_ text: String) {
        let (nodes, _) = Self.normalizedBothWays(text)
        var stack: [NodeID] = nodes.isEmpty ? [] : [NodeID(0)]
        while let id = stack.popLast() {
            let node = nodes[Int(id.raw)]
            #expect(node.start <= node.end)
            var child = node.firstChild
            while !child.isNone {
                let inner = nodes[Int(child.raw)]
                #expect(node.end >= inner.end)
                stack.append(child)
                child = inner.nextSibling
            }
            if !node.firstChild.isNone { #expect(node.start <= nodes[Int(node.firstChild.raw)].start) }
        }
    }
}
