import LightSyntax
import Testing
@testable import PythonFrontend

/// A snippet dense in the constructs that decide positions and callees, with the summary CPython
/// 3.13's `ast` gives for it (computed by scripts/python_ast_summary.py and pasted here), so the
/// agreement is checked without a Python at test time.
@Suite struct PythonSummaryAgainstCPythonTests {
    static let snippet = #"""
import asyncio, time as t
from . import helpers

@app.route("/x", methods=["GET"])
@(lambda f: f)
async def handler(request, *, timeout: float = cfg.get("t", 1.0)) -> "Response":
    data = await (await request.json())["items"].fetch()
    async with session.get(f"{base}/{quote(name)!r:>{width(10)}}") as response:
        text = await response.text()
    names = [await n.get() async for n in source(lambda x: x.y()) if n]
    é = ｆ(1)  ;  t.sleep(é)
    return {k: await v() for k, v in data.items()}, (yield)

class Service(Base, metaclass=Meta):
    def method(self, /, a, *args, **kw):
        return (self.a.b)(c)[d](e) or (lambda: g(h))()
    match command.split():
        case [Point(x=0) as p, *rest] if p.check():
            run(p)
        case _:
            pass
type Alias = Callable[[int], list[str]]
match = re.match(r"\d+", s)
print(f"{x=}", f'{"nested" + f"{deep()}"}', sep="")
"""#

    /// `python_ast_summary.py` on the snippet, path renamed.
    static let cpython = #"""
{"path":"snippet.py","functions":[["handler",6,true],["method",15,false]],"closures":[[5,3],[10,50],[16,40]],"calls":[[4,2,"app.route"],[6,48,"cfg.get"],[7,18,"request.json()[].fetch"],[7,25,"request.json"],[8,16,"session.get"],[8,38,"quote"],[8,54,"width"],[9,22,"response.text"],[10,20,"n.get"],[10,43,"source"],[10,60,"x.y"],[11,9,"f"],[11,18,"t.sleep"],[12,22,"v"],[12,38,"data.items"],[16,16,"self.a.b"],[16,16,"self.a.b()[]"],[16,39,"?"],[16,48,"g"],[17,11,"command.split"],[18,42,"p.check"],[19,13,"run"],[23,9,"re.match"],[24,1,"print"],[24,33,"deep"]],"awaits":[[7,12],[7,19],[9,16],[10,14],[12,16]]}
"""#

    @Test func summaryMatchesCPythonAST() {
        let tree = PythonParser.parse(Array(Self.snippet.utf8))
        #expect(tree.problems.isEmpty)
        #expect(SyntaxSummary(tree: tree).json(path: "snippet.py") == Self.cpython)
    }
}
