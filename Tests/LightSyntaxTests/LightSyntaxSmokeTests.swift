import Testing
@testable import LightSyntax

@Test func lineMapCountsScalarsAndAllLineEnds() {
    let source = Array("a\r\nbé c\rd\n".utf8)
    let map = LineMap(source: source)
    #expect(map.lineCount == 4)
    // "c" is byte 7 (a \r \n b é(2 bytes) space c): line 2, column 4 in scalars.
    #expect(map.location(ofByte: 7) == SourceLocation(line: 2, column: 4))
    #expect(map.location(ofByte: 9) == SourceLocation(line: 3, column: 1))
    #expect(map.lineText(2) == "bé c")
}

@Test func symbolTableInternsOnce() {
    var table = SymbolTable()
    let a = table.intern("sleep")
    let b = table.intern("time")
    #expect(table.intern("sleep") == a)
    #expect(a != b)
    for i in 0..<1000 { _ = table.intern("n\(i)") }
    #expect(table.lookup("sleep") == a)
    #expect(table.string(b) == "time")
    #expect(table.lookup("absent") == nil)
}

@Test func wrapReplacesAChildInPlace() {
    var tree = SyntaxTree(language: .python, lineMap: LineMap(source: Array("f(x)".utf8)))
    let root = tree.makeNode(.module, start: 0, end: 4)
    let statement = tree.addNode(.expressionStatement, parent: root, start: 0, end: 4)
    let callee = tree.addNode(.name, parent: statement, name: tree.symbols.intern("f"), start: 0, end: 1)
    let call = tree.wrap(callee, in: .call, end: 4)
    #expect(tree.childArray(statement) == [call])
    #expect(tree.childArray(call) == [callee])
    #expect(SyntaxSummary.calleeText(tree, callee) == "f")
    #expect(SyntaxSummary(tree: tree).calls == [.init(line: 1, column: 1, callee: "f")])
}
