import LightSyntax
import Testing
@testable import SwiftFrontend

/// Valid Swift must parse without recorded problems: since the driver turns problems into
/// notes, a gap here would tell users their correct code is broken. Each case is a construct
/// seen in the corpus that once produced a problem.
@Test(arguments: [
    "let tail = s[s.index(after: i)...].trimmed()\n",
    "let pair = (s[..<i], s[s.index(after: i)...])\n",
    "await measure(source: (1...).async) { }\n",
    "XCTAssertNoThrow(value = try decoder.decode(T.self, from: body))\n",
    "XCTAssertNoThrow(count += try next())\n",
    "func route(@Builder<Request, Response> content: () -> Handler) {}\n",
    "init(@Builder<A> _ child: () -> Child) {}\n",
    // Lines inside brackets that start like a declaration but are not one (recovery from an
    // unclosed bracket ends a list at a declaration).
    "f(\n    func: 1,\n    class: 2,\n    public: 3\n)\n",
    "func f(\n    class name: String,\n    @ViewBuilder content: () -> V,\n    @MainActor _ g: () -> Void,\n    final: Bool\n) {}\n",
    "if case (let a,\n         let b) = t {}\n",
    "switch t {\ncase .p(\n    let a,\n    var b):\n    break\ndefault: break\n}\n",
    "let x = [\n    lazy,\n    open\n]\n",
])
func validConstructHasNoParseProblems(_ source: String) {
    let tree = SwiftParser.parse(Array(source.utf8))
    #expect(tree.problems.isEmpty, "\(tree.problems.map(\.message))")
}

@Test func anAssignmentArgumentKeepsItsCall() {
    let tree = SwiftParser.parse(Array("XCTAssertNoThrow(value = try f())\n".utf8))
    #expect(SyntaxSummary(tree: tree).calls.map(\.callee) == ["XCTAssertNoThrow", "f"])
    #expect(tree.nodes.contains { $0.kind == .assignment })
}
