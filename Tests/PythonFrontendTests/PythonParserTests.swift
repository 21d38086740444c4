import LightSyntax
import Testing
@testable import PythonFrontend

@Suite struct PythonStatementTests {
    @Test func assignmentsOfEveryForm() {
        #expect(shape("a = b = c()\n") == "assignment(name:a name:b call(name:c))")
        #expect(shape("x: int = 5\n") == "assignment(name:x typeAnnotation:int(name:int) literal)")
        #expect(shape("x: list[int]\n") == "assignment(name:x typeAnnotation:list[int](subscript(name:list name:int)))")
        #expect(shape("n //= 2\n") == "assignment///=+augmented(name:n literal)")
        #expect(shape("a, *rest = f()\n") == "assignment(opaque/tuple(name:a opaque/star(name:rest)) call(name:f))")
        #expect(shape("[a, b] = c\n") == "assignment(opaque/list(name:a name:b) name:c)")
        #expect(shape("x = yield y\n") == "assignment(name:x opaque/yield(name:y))")
    }

    @Test func annotationsKeepTheirExpression() {
        // Annotations are evaluated, so calls inside them are real calls.
        #expect(shape("x: Annotated[int, Field(gt = 0)]\n")
            == "assignment(name:x typeAnnotation:Annotated[int,Field(gt=0)](subscript(name:Annotated opaque/tuple(name:int call(name:Field argument:gt(literal))))))")
    }

    @Test func functionsWithEveryKindOfParameter() {
        let source = "@app.route(\"/x\")\n@staticmethod\nasync def f[T](a, b: int = 1, /, *args: *Ts, c, d=2, **kw) -> list[T]:\n    return a\n"
        #expect(shape(source) == "function:f/def+async("
            + "attribute:app.route(call(member:route(name:app) argument(stringLiteral:/x))) attribute:staticmethod(name:staticmethod) "
            + "parameter:a parameter:b(typeAnnotation:int(name:int) literal) parameter:args+star(typeAnnotation:*Ts(opaque/star(name:Ts))) "
            + "parameter:c parameter:d(literal) parameter:kw+doubleStar typeAnnotation:list[T](subscript(name:list name:T)) "
            + "block(returnStatement/return(name:a)))")
        #expect(shape("def g(*, a): pass\n") == "function:g/def(parameter:a block(opaque/pass))")
    }

    @Test func functionRangeStartsAtTheDecoratorAndAnchorsAtAsync() {
        let tree = parse("x = 1\n@deco\nasync def f():\n    pass\n")
        let function = nodes(tree, .function)[0]
        #expect(tree.range(function).start == SourceLocation(line: 2, column: 1))
        #expect(tree.anchorLocation(function) == SourceLocation(line: 3, column: 1))
        let plain = parse("class A:\n    @property\n    def f(self): ...\n")
        let method = nodes(plain, .function)[0]
        #expect(plain.anchorLocation(method) == SourceLocation(line: 3, column: 5))
        #expect(plain.range(method).start == SourceLocation(line: 2, column: 5))
    }

    @Test func classesWithBasesKeywordsAndDecorators() {
        #expect(shape("@dataclass\nclass C(Base, metaclass=M):\n    x: int\n")
            == "typeDecl:C/class(attribute:dataclass(name:dataclass) argument(name:Base) argument:metaclass(name:M) block(assignment(name:x typeAnnotation:int(name:int))))")
        let tree = parse("@d\nclass C: pass\n")
        #expect(tree.anchorLocation(nodes(tree, .typeDecl)[0]) == SourceLocation(line: 2, column: 1))
    }

    @Test func imports() {
        #expect(shape("import os.path as p, sys\n") == "importStatement(importName:os.path/p importName:sys)")
        #expect(shape("from ..pkg.mod import (a as b, c,)\n") == "importStatement:..pkg.mod+from(importName:a/b importName:c)")
        #expect(shape("from . import x\n") == "importStatement:.+from(importName:x)")
        #expect(shape("from ... import y\n") == "importStatement:...+from(importName:y)")
        #expect(shape("from time import *\n") == "importStatement:time+from(importName:*)")
    }

    @Test func controlFlowStatements() {
        #expect(shape("if a: pass\nelif b: pass\nelse: pass\n")
            == "opaque/if(name:a block(opaque/pass) name:b block(opaque/pass) block(opaque/pass))")
        #expect(shape("while x: break\nelse: continue\n") == "opaque/while(name:x block(opaque/break) block(opaque/continue))")
        #expect(shape("for i, (a, b) in items(): pass\nelse: pass\n")
            == "opaque/for(opaque/tuple(name:i opaque/tuple(name:a name:b)) call(name:items) block(opaque/pass) block(opaque/pass))")
        #expect(shape("try:\n    pass\nexcept* (A, B) as e:\n    raise C() from e\nelse:\n    pass\nfinally:\n    del x[0], y\n")
            == "opaque/try(block(opaque/pass) opaque/except(opaque/tuple(name:A name:B) binding:e/as block(returnStatement/raise(call(name:C) name:e))) "
            + "block(opaque/pass) block(opaque/del(opaque/tuple(subscript(name:x literal) name:y))))")
        #expect(shape("try: pass\nexcept: pass\n") == "opaque/try(block(opaque/pass) opaque/except(block(opaque/pass)))")
        #expect(shape("assert ok, 'msg'\n") == "opaque/assert(name:ok stringLiteral:msg)")
        #expect(shape("global a, b\nnonlocal c\n") == "scopeDeclaration/global(name:a name:b)\nscopeDeclaration/nonlocal(name:c)")
        #expect(shape("def g():\n    yield from h()\n    return *a, b\n")
            == "function:g/def(block(expressionStatement(opaque/yieldFrom(call(name:h))) returnStatement/return(opaque/tuple(opaque/star(name:a) name:b))))")
    }

    @Test func withStatements() {
        #expect(shape("with open(p) as f, lock:\n    pass\n")
            == "with(withItem(call(name:open argument(name:p)) name:f) withItem(name:lock) block(opaque/pass))")
        #expect(shape("with (open(a) as f, open(b) as g,):\n    pass\n")
            == "with(withItem(call(name:open argument(name:a)) name:f) withItem(call(name:open argument(name:b)) name:g) block(opaque/pass))")
        #expect(shape("with (yield x):\n    pass\n") == "with(withItem(opaque/yield(name:x)) block(opaque/pass))")
        #expect(shape("with (a).b() as c: pass\n") == "with(withItem(call(member:b(name:a)) name:c) block(opaque/pass))")
    }

    @Test func asyncForms() {
        let source = "async def f():\n    async with s as c:\n        async for x in c:\n            await g(x)\n    return [await y async for y in h() if y]\n"
        #expect(shape(source) == "function:f/def+async(block("
            + "with+async(withItem(name:s name:c) block(opaque/for+async(name:x name:c block(expressionStatement(await(call(name:g argument(name:x)))))))) "
            + "returnStatement/return(opaque/comprehension+async(await(name:y) name:y call(name:h) name:y))))")
        let tree = parse("async def f():\n    x = await  (g)()\n")
        let awaitNode = nodes(tree, .await)[0]
        #expect(tree.range(awaitNode).start == SourceLocation(line: 2, column: 9))
        let call = nodes(tree, .call)[0]
        #expect(tree.range(call).start == SourceLocation(line: 2, column: 16))
    }

    @Test func matchIsASoftKeyword() {
        let source = "match command.split():\n    case [action, obj] if obj:\n        go(action)\n    case Point(x=0, y=yy) | {\"k\": v, **rest}:\n        pass\n    case _:\n        pass\n"
        #expect(shape(source) == "opaque/match(call(member:split(name:command)) "
            + "opaque/case(opaque/pattern(name:action name:obj) name:obj block(expressionStatement(call(name:go argument(name:action))))) "
            + "opaque/case(opaque/pattern(name:yy name:v name:rest) block(opaque/pass)) "
            + "opaque/case(opaque/pattern(name:_) block(opaque/pass)))")
        // A class pattern is not a call.
        #expect(nodes(parse(source), .call).count == 2)
        #expect(shape("match = re.match(p, s)\n") == "assignment(name:match call(member:match(name:re) argument(name:p) argument(name:s)))")
        #expect(shape("match(x)\n") == "expressionStatement(call(name:match argument(name:x)))")
        #expect(shape("match.group(1)\n") == "expressionStatement(call(member:group(name:match) argument(literal)))")
    }

    @Test func typeIsASoftKeyword() {
        #expect(shape("type Alias[T] = list[T]\n") == "opaque/type(name:Alias subscript(name:list name:T))")
        #expect(shape("type X = int\n") == "opaque/type(name:X name:int)")
        #expect(shape("type = 5\n") == "assignment(name:type literal)")
        // Type parameters make no node, whatever their bounds and defaults.
        #expect(shape("class A[T: (int, str), *Ts, **P = [int]](Base[T]): pass\n")
            == "typeDecl:A/class(argument(subscript(name:Base name:T)) block(opaque/pass))")
        #expect(shape("def f[T = int](x: T) -> T: ...\n")
            == "function:f/def(parameter:x(typeAnnotation:T(name:T)) typeAnnotation:T(name:T) block(expressionStatement(literal)))")
        #expect(shape("type(x)\n") == "expressionStatement(call(name:type argument(name:x)))")
    }

    @Test func identifiersAreReadInNFKCFormLikeCPython() {
        #expect(shape("ｗｗｗ.ｏｐｅｎ()\n") == "expressionStatement(call(member:open(name:www)))")
        #expect(shape("µ = 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 + ﬁle\n") == "assignment(name:μ opaque/binary(name:Unicode name:file))")
        #expect(shape("é = 1\n") == "assignment(name:é literal)")
    }

    @Test func printIsAName() {
        #expect(shape("print(*args, sep='', **kw)\n")
            == "expressionStatement(call(name:print argument+star(name:args) argument:sep(stringLiteral:) argument+doubleStar(name:kw)))")
    }
}

@Suite struct PythonExpressionTests {
    @Test func callsMembersSubscriptsAndSlices() {
        #expect(shape("a.b(c, *d, k=v, **e)[1:2, ::3, x]\n")
            == "expressionStatement(subscript(call(member:b(name:a) argument(name:c) argument+star(name:d) argument:k(name:v) argument+doubleStar(name:e)) "
            + "opaque/tuple(opaque/slice(literal literal) opaque/slice(literal) name:x)))")
        #expect(shape("f(x for x in y)\n") == "expressionStatement(call(name:f argument(opaque/generator(name:x name:x name:y))))")
        #expect(shape("f(a)(b)\n") == "expressionStatement(call(call(name:f argument(name:a)) argument(name:b)))")
    }

    @Test func aCallStartsWhereItsCalleeStarts() {
        let tree = parse("x = (a.b)(c).d(e)\n")
        let starts = nodes(tree, .call).map { tree.range($0).start }
        // Both calls start at the parenthesis, as CPython's ast has them.
        #expect(starts == [SourceLocation(line: 1, column: 5), SourceLocation(line: 1, column: 5)])
        let callees = nodes(tree, .call).map { SyntaxSummary.calleeText(tree, tree.childArray($0)[0]) }
        #expect(callees == ["a.b().d", "a.b"])
    }

    @Test func everyOperator() {
        #expect(shape("a + b - c * d / e // f % g @ h\n")
            == "expressionStatement(opaque/binary(name:a name:b opaque/binary(name:c name:d name:e name:f name:g name:h)))")
        #expect(shape("a | b ^ c & d << e >> f\n")
            == "expressionStatement(opaque/binary(name:a opaque/binary(name:b opaque/binary(name:c opaque/binary(name:d name:e name:f)))))")
        #expect(shape("a is not b and c not in d or -x ** 2 < ~y\n")
            == "expressionStatement(opaque/boolean(opaque/boolean(opaque/compare(name:a name:b) opaque/compare(name:c name:d)) "
            + "opaque/compare(opaque/unary(opaque/power(name:x literal)) opaque/unary(name:y))))")
        #expect(shape("not a == b\n") == "expressionStatement(opaque/not(opaque/compare(name:a name:b)))")
        #expect(shape("a < b <= c > d >= e == f != g in h is i\n")
            == "expressionStatement(opaque/compare(name:a name:b name:c name:d name:e name:f name:g name:h name:i))")
        #expect(shape("x if y else z\n") == "expressionStatement(opaque/ternary(name:x name:y name:z))")
        #expect(shape("a = ...\n") == "assignment(name:a literal)")
    }

    @Test func displaysAndComprehensions() {
        #expect(shape("[1, *a]\n") == "expressionStatement(opaque/list(literal opaque/star(name:a)))")
        #expect(shape("{1, 2}\n") == "expressionStatement(opaque/set(literal literal))")
        #expect(shape("{'a': 1, **b}\n") == "expressionStatement(opaque/dict(stringLiteral:a literal opaque/doubleStar(name:b)))")
        #expect(shape("{k: v for k, v in d.items() if k}\n")
            == "expressionStatement(opaque/comprehension(name:k name:v opaque/tuple(name:k name:v) call(member:items(name:d)) name:k))")
        #expect(shape("(x for x in y for z in x)\n")
            == "expressionStatement(opaque/generator(name:x name:x name:y name:z name:x))")
        #expect(shape("()\n") == "expressionStatement(opaque/tuple)")
        #expect(shape("(a,)\n") == "expressionStatement(opaque/tuple(name:a))")
    }

    @Test func walrusAndLambda() {
        #expect(shape("if (n := len(a)) > 1: pass\n")
            == "opaque/if(opaque/compare(binding:n/walrus(call(name:len argument(name:a))) literal) block(opaque/pass))")
        #expect(shape("f = lambda x, *y, z=1, **k: x + z\n")
            == "assignment(name:f closure/lambda(parameter:x parameter:y+star parameter:z(literal) parameter:k+doubleStar opaque/binary(name:x name:z)))")
        #expect(shape("g = lambda: 0\n") == "assignment(name:g closure/lambda(literal))")
        let tree = parse("x = [lambda: 0]\n")
        #expect(tree.anchorLocation(nodes(tree, .closure)[0]) == SourceLocation(line: 1, column: 6))
    }
}

@Suite struct PythonStringTests {
    @Test func prefixesAndConcatenation() {
        #expect(shape("t = rb'\\d\"' \"next\" u\"x\" B'y' Rb'z'\n") == #"assignment(name:t stringLiteral:\d"nextxyz)"#)
        #expect(shape("s = '''a\n'b'\n'''\n") == "assignment(name:s stringLiteral:a\n'b'\n)")
        #expect(shape("s = r'\\''\n") == #"assignment(name:s stringLiteral:\')"#)
        #expect(shape("s = ''\n") == "assignment(name:s stringLiteral:)")
    }

    @Test func fStringsWithNestedQuotesSpecsDebugAndConversions() {
        #expect(shape("s = f\"{x!r:>{width}} {y=} {'a' + \"b\"} {f\"{z}\"}\"\n")
            == "assignment(name:s stringLiteral+interpolated(name:x name:width name:y opaque/binary(stringLiteral:a stringLiteral:b) stringLiteral+interpolated(name:z)))")
        #expect(shape("u = t\"hi {name}\" F'{a:{b}.{c}}' Rf'{d}\\n'\n")
            == "assignment(name:u stringLiteral+interpolated(name:name name:a name:b name:c name:d))")
        #expect(shape("w = f\"{{literal}} \\N{BULLET} {q}\"\n") == "assignment(name:w stringLiteral+interpolated(name:q))")
        #expect(shape("v = f'plain'\n") == "assignment(name:v stringLiteral:plain)")
        #expect(shape("x = f\"{x:=10}\"\n") == "assignment(name:x stringLiteral+interpolated(name:x))")
        #expect(shape("x = f'{a, b}'\n") == "assignment(name:x stringLiteral+interpolated(opaque/tuple(name:a name:b)))")
    }

    @Test func multiLineReplacementFieldsWithComments() {
        let source = "v = f\"\"\"{\n    a  # a comment with a \" quote\n    + g(b)\n}\"\"\"\nafter()\n"
        #expect(shape(source) == "assignment(name:v stringLiteral+interpolated(opaque/binary(name:a call(name:g argument(name:b)))))\nexpressionStatement(call(name:after))")
        #expect(parse(source).problems.isEmpty)
    }

    @Test func callsInsideFStringsHaveTheirPositions() {
        let tree = parse("x = f'{a}{ é(b) }'\n")
        let call = nodes(tree, .call)[0]
        #expect(tree.range(call).start == SourceLocation(line: 1, column: 12))
    }
}

@Suite struct PythonLayoutTests {
    @Test func tabsCRLFCRAndBOM() {
        #expect(shape("if x:\n\tif y:\n\t\tpass\n        z()\n")
            == "opaque/if(name:x block(opaque/if(name:y block(opaque/pass)) expressionStatement(call(name:z))))")
        #expect(shape("\u{FEFF}def f():\r\n    return 1\r\ng()\rh()")
            == "function:f/def(block(returnStatement/return(literal)))\nexpressionStatement(call(name:g))\nexpressionStatement(call(name:h))")
        let tree = parse("\u{FEFF}x()\r\ny()\r\n")
        #expect(nodes(tree, .call).map { tree.range($0).start.line } == [1, 2])
    }

    @Test func lineJoining() {
        #expect(shape("x = (1 +\n  2) + \\\n  3\ny = [\n  a,\n\n# comment\n  b]\n")
            == "assignment(name:x opaque/binary(opaque/binary(literal literal) literal))\nassignment(name:y opaque/list(name:a name:b))")
    }

    @Test func blankLinesAndCommentsDoNotIndent() {
        #expect(shape("def f():\n\n      # deeper comment\n    pass\n  \n\ng()\n") == "function:f/def(block(opaque/pass))\nexpressionStatement(call(name:g))")
        #expect(shape("x = 1; y = 2;\n") == "assignment(name:x literal)\nassignment(name:y literal)")
    }
}

@Suite struct PythonHostileInputTests {
    @Test func emptyAndBOMOnly() {
        for source: [UInt8] in [[], [0xEF, 0xBB, 0xBF], [10, 10, 32, 10], [0x23]] {
            let tree = PythonParser.parse(source)
            #expect(tree.kind(tree.root) == .module)
            #expect(tree.childArray(tree.root).isEmpty)
            #expect(tree.problems.isEmpty)
        }
    }

    @Test func nulBytesAndInvalidUTF8() {
        let tree = PythonParser.parse(Array("a\u{0}b = 1\n".utf8) + [0xFF, 0xFE, 0x80, 10] + Array("f()\n".utf8))
        #expect(!tree.problems.isEmpty)
        #expect(nodes(tree, .call).count == 1)
        #expect(isWellFormed(tree))
    }

    @Test func unterminatedStrings() {
        let single = parse("s = 'abc\ny = g()\n")
        #expect(single.problems.contains { $0.message.contains("unterminated") })
        #expect(nodes(single, .call).count == 1)
        let triple = parse("s = \"\"\"abc\ny = g()\n")
        #expect(triple.problems.contains { $0.message.contains("unterminated triple-quoted") })
        #expect(nodes(triple, .call).isEmpty)
        let fstring = parse("s = f'{a\ny = g()\n")
        #expect(!fstring.problems.isEmpty)
        #expect(isWellFormed(fstring))
        let tripleF = parse("s = f\"\"\"{a}\n")
        #expect(!tripleF.problems.isEmpty)
    }

    @Test func hundredThousandNestedBrackets() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
                let source = "x = " + String(repeating: open, count: 100_000) + "1" + String(repeating: close, count: 100_000) + "\ny()\n"
                let tree = parse(source)
                #expect(tree.problems.contains { $0.message.contains("nesting") })
                // The statement after it is still read.
                #expect(nodes(tree, .call).count == 1)
            }
            let unclosed = parse(String(repeating: "f(", count: 100_000))
            #expect(!unclosed.problems.isEmpty)
            let fstrings = parse(String(repeating: "f'{", count: 20_000) + "x" + String(repeating: "}'", count: 20_000) + "\n")
            #expect(!fstrings.problems.isEmpty)
            // Every way of nesting reaches the bound: operators, calls, subscripts,
            // comprehensions, lambdas, f-string fields, displays.
            for prefix in ["-", "not ", "a ** ", "await ", "lambda: ", "a if b else ", "f(", "a[", "f(x for x in ",
                           "[x for x in [", "{a: ", "(lambda a=", "f(k=", "f'{a:{", "(a := ", "*"] {
                let tree = parse("x = " + String(repeating: prefix, count: 50_000) + "1\ny()\n")
                #expect(!tree.problems.isEmpty, "\(prefix)")
                #expect(isWellFormed(tree), "\(prefix)")
            }
            let blocks = parse((0..<1_000).map { String(repeating: " ", count: $0) + "if x:\n" }.joined() + String(repeating: " ", count: 1_000) + "pass\n")
            #expect(!blocks.problems.isEmpty)
        }
        #expect(elapsed < .seconds(20))
    }

    @Test func aLongLine() {
        let source = "x = [" + String(repeating: "f(a), ", count: 200_000) + "]\n"
        let tree = parse(source)
        #expect(tree.problems.isEmpty)
        #expect(nodes(tree, .call).count == 200_000)
        let last = nodes(tree, .call).last!
        #expect(tree.range(last).start == SourceLocation(line: 1, column: 6 + 6 * 199_999))
    }

    @Test func manyStatementsStayLinear() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let lines = parse(String(repeating: "x = f(a.b, *c, k=[d for d in e])  # comment\n", count: 100_000))
            #expect(nodes(lines, .call).count == 100_000)
            // `match` looks ahead to the end of its statement only, not of the line.
            let matches = parse(String(repeating: "match (x); ", count: 50_000) + "\n")
            #expect(nodes(matches, .call).count == 50_000)
            let unclosed = parse(String(repeating: "def f(\n", count: 50_000))
            #expect(nodes(unclosed, .function).count == 50_000)
            // Recovery moves only the decorator lines it closes brackets before.
            let decorated = parse(String(repeating: "x = (\n@d\ndef f(\n", count: 30_000))
            #expect(nodes(decorated, .function).count == 30_000)
            #expect(nodes(decorated, .attribute).count == 30_000)
            let decorators = parse("x = (\n" + String(repeating: "@d\n", count: 100_000) + "def f(): pass\n")
            #expect(nodes(decorators, .attribute).count == 100_000)
        }
        #expect(elapsed < .seconds(30))
    }

    @Test func recoveryAtTheNextStatement() {
        let tree = parse("def f(:\n    pass\nx = = 1\nclass\ng()\n")
        #expect(!tree.problems.isEmpty)
        #expect(nodes(tree, .call).count == 1)
        #expect(nodes(tree, .function).count == 1)
        #expect(nodes(tree, .assignment).count == 1)
        // An unclosed bracket ends at the next line that starts with a statement keyword.
        let unclosed = parse("x = f(a,\ndef g():\n    return h()\n")
        #expect(unclosed.problems.contains { $0.message.contains("never closed") })
        #expect(shape("x = f(a,\ndef g():\n    return h()\n")
            == "assignment(name:x call(name:f argument(name:a)))\nfunction:g/def(block(returnStatement/return(call(name:h))))")
    }

    @Test func anUnclosedBracketEndsAtAnAsyncDef() {
        // A user's file: the bracket left open by `broken(` ran on to the next plain `def`, and
        // `after`, an `async def` in between, was lost with its call.
        let source = "import time\n\n\nasync def broken(:\n    time.sleep(1)\n\n\nasync def after():\n    time.sleep(2)\n\n\n"
            + "def x():\n    pass\n\n\nasync def later():\n    time.sleep(3)\n"
        let tree = parse(source)
        #expect(nodes(tree, .function).map { tree.name($0) } == ["broken", "after", "x", "later"])
        #expect(nodes(tree, .call).count == 3)
        #expect(isWellFormed(tree))
        #expect(shape("async def f():\n    x = (1,\n\nasync def g():\n    h()\n")
            == "function:f/def+async(block(assignment(name:x opaque/tuple(literal))))\nfunction:g/def+async(block(expressionStatement(call(name:h))))")
        // `async with` is a statement too.
        #expect(shape("async def f():\n    y = [1,\n    async with a:\n        h()\n")
            == "function:f/def+async(block(assignment(name:y opaque/list(literal)) with+async(withItem(name:a) block(expressionStatement(call(name:h))))))")
    }

    @Test func anUnclosedBracketEndsBeforeTheDecoratorsOfADef() {
        // The decorator lines stay the function's, a call spread over lines included.
        #expect(shape("x = f(1,\n\n@app.route(\"/x\",\n           methods=[\"GET\"])\n# comment\n@deco\nasync def g():\n    h()\n")
            == "assignment(name:x call(name:f argument(literal)))\nfunction:g/def+async("
            + "attribute:app.route(call(member:route(name:app) argument(stringLiteral:/x) argument:methods(opaque/list(stringLiteral:GET)))) "
            + "attribute:deco(name:deco) block(expressionStatement(call(name:h))))")
        let decorated = parse("x = f(1,\n\n@deco\nasync def g():\n    h()\n")
        #expect(nodes(decorated, .function).map { decorated.range($0).start } == [SourceLocation(line: 3, column: 1)])
        // The problem is where the brackets were closed: before the decorators.
        #expect(decorated.problems.first?.message == "a bracket was never closed")
        #expect(decorated.problems.first.map { decorated.lineMap.location(ofByte: Int($0.start)) } == SourceLocation(line: 3, column: 1))
        #expect(shape("class A:\n    x = [1,\n    @property\n    def p(self):\n        return h()\n")
            == "typeDecl:A/class(block(assignment(name:x opaque/list(literal)) "
            + "function:p/def(attribute:property(name:property) parameter:self block(returnStatement/return(call(name:h))))))")
        // `@` lines followed by something else than a `def` are not decorators.
        #expect(shape("x = (a,\n@ b) + (c,\ndef g():\n    h()\n")
            == "assignment(name:x opaque/binary(opaque/tuple(name:a) name:b))\nfunction:g/def(block(expressionStatement(call(name:h))))")
    }

    @Test func bracketedLinesThatOnlyLookLikeStatementsAreKept() {
        // An `async for` inside brackets is a comprehension's; a line starting with `@` is a
        // matrix product. Valid code gets the same tokens as before: no bracket is closed.
        let source = "y = [x\n     async for x in a]\nz = (a\n@ b)\nw = (a\n@b\n@c)\n"
        let tree = parse(source)
        #expect(tree.problems.isEmpty)
        #expect(shape(source) == "assignment(name:y opaque/comprehension+async(name:x name:x name:a))\n"
            + "assignment(name:z opaque/binary(name:a name:b))\nassignment(name:w opaque/binary(name:a name:b name:c))")
    }

    @Test func garbageNeverHangsOrBreaksTheTree() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("()[]{}:;,.=+-*/\\'\"fr#@ \n\t\rabc1if else def async await lambda match case".utf8)
        for _ in 0..<300 {
            let count = Int(generator.next() % 400)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let tree = PythonParser.parse(bytes)
            #expect(isWellFormed(tree))
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
