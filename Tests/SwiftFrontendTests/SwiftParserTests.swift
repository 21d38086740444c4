import Foundation
import LightSyntax
import Testing
@testable import SwiftFrontend

/// Renders a subtree as `kind:name/detail{flags}(children…)` so that shapes can be asserted
/// in one string. Names and details are omitted when absent.
func render(_ tree: SyntaxTree, _ id: NodeID) -> String {
    let n = tree[id]
    var s = "\(n.kind)"
    if let name = tree.name(id) { s += ":" + name }
    if let detail = tree.detail(id) { s += "/" + detail }
    var flags: [String] = []
    if n.flags.contains(.isAsync) { flags.append("async") }
    if n.flags.contains(.throws) { flags.append("throws") }
    if n.flags.contains(.trailingClosure) { flags.append("trailing") }
    if n.flags.contains(.implicitBase) { flags.append("implicit") }
    if n.flags.contains(.interpolated) { flags.append("interp") }
    if n.flags.contains(.augmented) { flags.append("aug") }
    if n.flags.contains(.asyncLet) { flags.append("asyncLet") }
    if n.flags.contains(.hasCatch) { flags.append("catch") }
    if !flags.isEmpty { s += "{" + flags.joined(separator: ",") + "}" }
    let kids = tree.childArray(id)
    if !kids.isEmpty { s += "(" + kids.map { render(tree, $0) }.joined(separator: " ") + ")" }
    return s
}

func parse(_ text: String) -> SyntaxTree {
    let bytes = Array(text.utf8)
    let tree = SwiftParser.parse(bytes)
    let broken = tree.structuralProblems(sourceCount: bytes.count)
    #expect(broken.isEmpty, "\(broken)")
    return tree
}

/// The rendering of the module's statements.
func shape(_ text: String) -> String {
    let tree = parse(text)
    return tree.childArray(tree.root).map { render(tree, $0) }.joined(separator: " ")
}

func nodes(_ tree: SyntaxTree, _ kind: NodeKind) -> [NodeID] {
    var out: [NodeID] = []
    var stack = [tree.root]
    while let id = stack.popLast() {
        if tree[id].kind == kind { out.append(id) }
        stack.append(contentsOf: tree.childArray(id).reversed())
    }
    return out
}

func callees(_ text: String) -> [String] {
    let tree = parse(text)
    return nodes(tree, .call).map { SyntaxSummary.calleeText(tree, tree[$0].firstChild) }
}

@Suite struct DeclarationShapes {
    @Test func asyncThrowingFunction() {
        #expect(shape("@MainActor public func load(_ a: Int, from b: String = x()) async throws -> Data { }")
            == "function:load/func{async,throws}(attribute:MainActor parameter:a/_(typeAnnotation:Int) "
            + "parameter:b/from(typeAnnotation:String call(name:x)) typeAnnotation:Data block)")
    }

    @Test func functionAnchorIsTheKeyword() {
        let tree = parse("@objc\nprivate static func f() {}")
        let f = nodes(tree, .function)[0]
        #expect(tree.anchorLocation(f) == SourceLocation(line: 2, column: 16))
        #expect(tree.range(f).start == SourceLocation(line: 1, column: 1))
    }

    @Test func initializersDeinitSubscripts() {
        #expect(shape("init?(x: Int) async {}") == "function:init/init{async}(parameter:x(typeAnnotation:Int) block)")
        #expect(shape("init!() {}") == "function:init/init(block)")
        #expect(shape("deinit { close() }") == "function:deinit/deinit(block(expressionStatement(call(name:close))))")
        #expect(shape("subscript(i: Int) -> T { get async throws { try await f() } set { } }")
            == "function:subscript/subscript(parameter:i(typeAnnotation:Int) typeAnnotation:T "
            + "function:subscript/get{async,throws}(block(expressionStatement(tryExpr/try(await(call(name:f)))))) "
            + "function:subscript/set(block))")
        #expect(shape("subscript(i: Int) -> T { a[i] }")
            == "function:subscript/subscript(parameter:i(typeAnnotation:Int) typeAnnotation:T block(expressionStatement(subscript(name:a argument(name:i)))))")
    }

    @Test func computedPropertiesAndObservers() {
        #expect(shape("var x: Int { get async throws { 1 } }")
            == "binding:x/var(typeAnnotation:Int function:x/get{async,throws}(block(expressionStatement(literal))))")
        #expect(shape("var y: Int { 2 }") == "binding:y/var(typeAnnotation:Int function:y/get(block(expressionStatement(literal))))")
        // Children in source order: the initial value, then the observers.
        #expect(shape("var z = 0 { willSet { a() } didSet(old) { b() } }")
            == "binding:z/var(literal function:z/willSet(block(expressionStatement(call(name:a)))) "
            + "function:z/didSet(parameter:old block(expressionStatement(call(name:b)))))")
        #expect(shape("protocol P { var v: Int { get set } }")
            == "typeDecl:P/protocol(block(binding:v/var(typeAnnotation:Int function:v/get function:v/set)))")
    }

    @Test func typeDeclarations() {
        #expect(shape("@MainActor final class A: B, @unchecked Sendable { func f() {} }")
            == "typeDecl:A/class(attribute:MainActor typeAnnotation:B typeAnnotation:@uncheckedSendable block(function:f/func(block)))")
        #expect(shape("actor Cache<K: Hashable> where K: Sendable { }") == "typeDecl:Cache/actor(block)")
        #expect(shape("extension Array where Element == Int { }") == "typeDecl:Array/extension(block)")
        #expect(shape("extension [Int]: P { }") == "typeDecl:[Int]/extension(typeAnnotation:P block)")
        #expect(shape("struct S: ~Copyable { }") == "typeDecl:S/struct(typeAnnotation:~Copyable block)")
        #expect(shape("enum E { case a, b(Int, x: String = f()) = 1\n indirect case c(E) }")
            == "typeDecl:E/enum(block(opaque/enumCase(parameter(typeAnnotation:Int) "
            + "parameter:x(typeAnnotation:String call(name:f)) literal) opaque/enumCase(parameter(typeAnnotation:E))))")
    }

    @Test func letVarBindings() {
        #expect(shape("let a: Int = 1, b = f()") == "binding:a/let(typeAnnotation:Int literal) binding:b/let(call(name:f))")
        #expect(shape("let (x, y) = t") == "binding/let(name:x name:y name:t)")
        #expect(shape("async let r = fetch()") == "binding:r/async let{asyncLet}(call(name:fetch))")
    }

    /// A type annotation with an async function type in it is marked async: the checker's
    /// pre-filter then knows a closure stored or passed as one is async code.
    @Test func asyncFunctionTypesAreMarked() {
        #expect(shape("let h: () async -> Void = f") == "binding:h/let(typeAnnotation:()async->Void{async} name:f)")
        #expect(shape("let h: (@Sendable (Int) async throws -> Void)? = f")
            == "binding:h/let(typeAnnotation:(@Sendable(Int)asyncthrows->Void)?{async} name:f)")
        #expect(shape("let h: () -> Void = f") == "binding:h/let(typeAnnotation:()->Void name:f)")
        #expect(shape("let h: (asyncValue) -> Void = f") == "binding:h/let(typeAnnotation:(asyncValue)->Void name:f)")
        #expect(!shape("func f(_ g: (Int) -> asyncResult) {}").contains("{async}"))
    }

    @Test func importsOperatorsMacros() {
        #expect(shape("@testable import struct Foundation.Date") == "importStatement:Foundation.Date")
        #expect(shape("import NIOCore") == "importStatement:NIOCore")
        #expect(shape("infix operator <>: AdditionPrecedence\nprecedencegroup P { higherThan: A }\nfunc <> (a: A, b: A) -> A { a }")
            == "function:<>/func(parameter:a(typeAnnotation:A) parameter:b(typeAnnotation:A) typeAnnotation:A block(expressionStatement(name:a)))")
        #expect(shape("func ??<T>(l: T?, r: T) -> T { r }").hasPrefix("function:??/func("))
        #expect(shape("@freestanding(expression) macro m(_ x: Int) -> Int = #externalMacro(module: \"M\", type: \"T\")")
            .hasPrefix("opaque:m/macroDecl("))
        #expect(callees("#warning(\"x\")\nlet x = #stringify(f(1))\n@Observable class C {}") == ["f"])
    }

    @Test func ownershipAndPacks() {
        #expect(shape("func f(_ x: consuming T, y: borrowing U, z: inout V, w: sending W) {}")
            == "function:f/func(parameter:x/_(typeAnnotation:consumingT) parameter:y(typeAnnotation:borrowingU) "
            + "parameter:z(typeAnnotation:inoutV) parameter:w(typeAnnotation:sendingW) block)")
        #expect(shape("func g<each T>(_ v: repeat each T) -> (repeat each T) { (repeat each v) }").hasPrefix("function:g/func("))
        #expect(callees("func h() { let y = consume x; use(copy y) }") == ["use"])
    }

    @Test func typedThrowsAndOpaqueTypes() {
        #expect(shape("func f() throws(MyError) -> some View { }")
            == "function:f/func{throws}(typeAnnotation:someView block)")
        #expect(shape("func g(_ p: any P & Q) rethrows {}") == "function:g/func{throws}(parameter:p/_(typeAnnotation:anyP&Q) block)")
    }
}

@Suite struct ExpressionShapes {
    @Test func taskWithTrailingClosure() {
        #expect(shape("Task { await work() }")
            == "expressionStatement(call(name:Task argument{trailing}(closure(block(expressionStatement(await(call(name:work))))))))")
    }

    @Test func multipleTrailingClosures() {
        #expect(shape("withTaskCancellationHandler { await a() } onCancel: { b() }")
            == "expressionStatement(call(name:withTaskCancellationHandler argument{trailing}(closure(block(expressionStatement(await(call(name:a)))))) "
            + "argument:onCancel{trailing}(closure(block(expressionStatement(call(name:b)))))))")
    }

    @Test func closureSignatures() {
        #expect(shape("f { [weak self, x = g()] (a: Int, b) async throws -> Int in a }")
            == "expressionStatement(call(name:f argument{trailing}(closure{async,throws}(opaque/captureList(name:self name:x call(name:g)) "
            + "parameter:a(typeAnnotation:Int) parameter:b typeAnnotation:Int block(expressionStatement(name:a))))))")
        #expect(shape("f { a, b in a }")
            == "expressionStatement(call(name:f argument{trailing}(closure(parameter:a parameter:b block(expressionStatement(name:a))))))")
        #expect(shape("f { @MainActor in $0 }")
            == "expressionStatement(call(name:f argument{trailing}(closure(block(expressionStatement(name:$0))))))")
        // A closure whose body starts with `for x in` has no signature.
        #expect(shape("f { for x in xs { } }").contains("closure(block(opaque/for("))
    }

    @Test func membersOptionalChainingGenerics() {
        #expect(callees("a?.b!.c(1)") == ["a.b.c"])
        #expect(callees("Array<Int>()") == ["Array"])
        #expect(callees("x.map { $0 }.filter(f)") == ["x.map().filter", "x.map"])
        #expect(callees(".init(x: 1)") == [".init"])
        #expect(callees("DispatchQueue.main.sync { }") == ["DispatchQueue.main.sync"])
        #expect(callees("(a as! B).c()") == ["?.c"])
        #expect(callees("a[0](1)") == ["a[]"])
        #expect(callees("self.`default`()") == ["self.default"])
        #expect(callees("let s = Set<Int>?.none") == [])
        #expect(callees("if a < b, c > d { }") == [])
    }

    @Test func contextualPrefixKeywords() {
        #expect(callees("let p = unsafe UnsafeRawPointer(x)") == ["UnsafeRawPointer"])
        #expect(callees("let q = unsafe (f())\nlet r = unsafe(g)") == ["f", "unsafe"])
        #expect(callees("let a = copy(x), b = consume y, c = copy.z()") == ["copy", "copy.z"])
        #expect(callees("x.Swift::max(of: Swift::min(1, 2))") == ["x.max", "min"])
        #expect(shape("let w = await\n  fetch()") == "binding:w/let(await(call(name:fetch)))")
        #expect(callees("if let s = any as? any P { f() }") == ["f"])
        #expect(callees("let i = (repeat (each fs)(each xs).make())") == ["?().make", "?"])
    }

    @Test func unicodeOperatorsAndDollarNames() {
        #expect(callees("expect(x) ≈ (1, 2)") == ["expect"])
        #expect(callees("let v = a∘b; _$embed(1)") == ["_$embed"])
        #expect(callees("(!a[0]).f(); (/Foo.self).g()") == ["?.f", "?.g"])
        #expect(shape("protocol P { var o: Int { get nonmutating set } }")
            == "typeDecl:P/protocol(block(binding:o/var(typeAnnotation:Int function:o/get function:o/set)))")
    }

    @Test func compoundNamesAreReferences() {
        #expect(callees("let f = foo(_:bar:)\n#selector(Foo.run(_:))") == [])
    }

    @Test func awaitTryForms() {
        #expect(shape("let x = try? await f()") == "binding:x/let(tryExpr/try?(await(call(name:f))))")
        #expect(shape("try! g()") == "expressionStatement(tryExpr/try!(call(name:g)))")
        #expect(shape("_ = await h()") == "assignment(name:_ await(call(name:h)))")
        #expect(shape("x += await h()") == "assignment/+={aug}(name:x await(call(name:h)))")
    }

    @Test func ifAndSwitchExpressions() {
        #expect(shape("let v = if c { f() } else { g() }")
            == "binding:v/let(opaque/if(name:c block(expressionStatement(call(name:f))) block(expressionStatement(call(name:g)))))")
        #expect(callees("let w = switch k { case .a(let x): x() default: y() }") == [".a", "x", "y"])
    }

    @Test func keyPathsAndRegexes() {
        #expect(shape("let k = \\Foo.bar?.baz[0]") == "binding:k/let(opaque/keyPath(argument(literal)))")
        #expect(shape("let r = /a+b/") == "binding:r/let(literal)")
        #expect(shape("let r = #/a/b/#") == "binding:r/let(literal)")
        #expect(shape("let q = a / b / c") == "binding:q/let(opaque/binary(name:a name:b name:c))")
        #expect(shape("let m = #/\n  a / b\n/#\nf()").hasSuffix("expressionStatement(call(name:f))"))
    }

    @Test func backtickAndUnicodeIdentifiers() {
        #expect(callees("`func`(x); café(1); 🐶()") == ["func", "café", "🐶"])
        let tree = parse("let é = 1; ünïcode()")
        let call = nodes(tree, .call)[0]
        #expect(tree.range(call).start == SourceLocation(line: 1, column: 12))
    }

    @Test func postfixIfConfig() {
        let text = "let x = base\n#if os(Linux)\n  .linux()\n#else\n  .other()\n#endif\n"
        #expect(callees(text) == [".linux", ".other"])
        #expect(shape(text).hasPrefix("binding:x/let(opaque/#if(name:base call(member:linux{implicit}) call(member:other{implicit})"))
    }

    /// Both once made parse problems on the Swift corpus (vapor's AsyncCacheTests.swift,
    /// swift-nio's AsyncChannel.swift).
    @Test func castInTheMiddleOfATernary() {
        let tree = parse("let r = c ? \"bar\" as? T : nil\nlet s = c ? 1 as Int : x is Int ? 2 : 3\nf()")
        #expect(tree.problems.isEmpty)
        #expect(nodes(tree, .call).count == 1)
    }

    @Test func functionTypeEffectsOnTheNextLine() {
        let tree = parse("func f(_ body: (Int)\n    async throws -> R, g: (Int)\n    throws(E) -> Void) async { await body(1) }")
        #expect(tree.problems.isEmpty)
        #expect(nodes(tree, .parameter).count == 2)
        // Without the arrow, a line-start `async` starts the next statement.
        #expect(shape("func f() async {\n  let g: (Int)\n  async let x = h()\n}").contains("{asyncLet}"))
    }
}

@Suite struct StringLiterals {
    @Test func plainAndInterpolated() {
        #expect(shape("let s = \"a\\(b)c\"") == "binding:s/let(stringLiteral{interp}(name:b))")
        #expect(shape("let s = \"abc\\n\"") == "binding:s/let(stringLiteral:abc\\n)")
        #expect(callees("print(\"\\(f(\"\\(g(\"\\(h())\"))\"))\")") == ["print", "f", "g", "h"])
    }

    @Test func rawAndMultiline() {
        #expect(shape("let s = #\"a\\(b)\"#") == "binding:s/let(stringLiteral:a\\(b))")
        #expect(callees("let s = ##\"x\\##(f())\"## + #\"\"\"#") == ["f"])
        #expect(callees("let s = \"\"\"\n  a \\(g()) \"\n  \"\"\"\nh()") == ["g", "h"])
        #expect(callees("let s = \"\\(x, format: f())\"") == ["f"])
        // `#"""#` closes on its line: a one-character raw string, not a multi-line opener.
        #expect(callees("let q = #\"\"\"#; f()\ng()") == ["f", "g"])
    }
}

@Suite struct StatementShapes {
    @Test func conditionsAndLoops() {
        #expect(shape("if let x, var y = f(), case .a(let z) = g() { }")
            == "opaque/if(binding:x/let binding:y/var(call(name:f)) binding/case(call(member:a{implicit} argument(name:z)) call(name:g)) block)")
        #expect(shape("guard let v = try? f() else { return }")
            == "opaque/guard(binding:v/let(tryExpr/try?(call(name:f))) block(returnStatement/return))")
        #expect(shape("for try await (i, x) in s.values where x > 0 { }")
            == "opaque/for{async}(binding/for(name:i name:x) member:values(name:s) opaque/binary(name:x literal) block)")
        #expect(shape("while let x = it.next() { }") == "opaque/while(binding:x/let(call(member:next(name:it))) block)")
        #expect(shape("repeat { f() } while g()")
            == "opaque/repeat(block(expressionStatement(call(name:f))) call(name:g))")
        #expect(shape("outer: for x in xs { continue outer }") == "opaque/for(binding:x/for name:xs block)")
    }

    @Test func trailingClosureInConditions() {
        // `{` after a condition is the body, unless swift-syntax's lookahead says otherwise.
        #expect(callees("if x.contains { $0 } { }") == ["x.contains"])
        #expect(callees("for a in b.filter { $0 } where a { }") == ["b.filter"])
        #expect(callees("if f() { g() }") == ["f", "g"])
    }

    @Test func doCatchDefer() {
        #expect(shape("do { try f() } catch let e as E where e.x { } catch { }")
            == "opaque/do{catch}(block(expressionStatement(tryExpr/try(call(name:f)))) "
            + "opaque/catch(opaque/binary(name:e) member:x(name:e) block) opaque/catch(block))")
        #expect(shape("defer { close() }") == "opaque/defer(block(expressionStatement(call(name:close))))")
    }

    @Test func switchWithPatternsAndIfConfig() {
        let text = """
        switch v {
        case .a(let x), .b(let x) where x > 0: f(x)
        #if DEBUG
        case .c: g()
        #endif
        @unknown default: h()
        }
        """
        #expect(callees(text) == [".a", ".b", "f", "g", "h"])
        #expect(shape(text).contains("opaque/#if(opaque/case(member:c{implicit} block(expressionStatement(call(name:g)))))"))
    }

    @Test func ifConfigAroundMembers() {
        let text = "struct S {\n#if canImport(Foundation)\n  func a() {}\n#elseif os(Linux)\n  func b() {}\n#else\n  var c: Int { 1 }\n#endif\n}"
        let tree = parse(text)
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["a", "b", "c"])
        #expect(nodes(tree, .call).isEmpty)  // `canImport(…)` is a condition, not a call
    }

    @Test func returnTakesTheNextLine() {
        #expect(shape("func f() { return\n  g() }").contains("returnStatement/return(call(name:g))"))
        #expect(shape("func f() { return }").contains("returnStatement/return"))
    }
}

@Suite struct SwiftHostileInput {
    @Test func deepNestingDoesNotOverflow() {
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}"), ("f(", ")"), ("{ x in ", "}"), ("a.b {", "}")] {
            let text = "let x = " + String(repeating: open, count: 100_000) + String(repeating: close, count: 100_000)
            let tree = parse(text)
            #expect(!tree.problems.isEmpty)
            #expect(tree.nodes.count > 1)
        }
    }

    @Test func deepInterpolation() {
        var text = "x"
        for _ in 0..<10_000 { text = "\"\\(" + text + ")\"" }
        let tree = parse("let s = " + text + "\nf()")
        #expect(nodes(tree, .call).count == 1)
    }

    @Test func unterminatedEverything() {
        for text in ["let s = \"abc", "let s = #\"abc\nf()", "/* never /* closed */", "let r = #/abc",
                     "let s = \"\"\"\nabc", "f(\"\\(g(", "func f( {", "}}}))) ]] #endif #else", "let r = /abc",
                     "let s = \"\\(\"\\(\"", "@", "#", "`abc", "x.", "case", "if", "switch x {", "{ [weak", "a ?",
                     "Foo<Bar<Baz", "let x = [1: 2, 3", "\\", "#if X\nfunc f() {\n"] {
            let tree = parse(text)
            #expect(tree.kind(tree.root) == .module)
        }
    }

    @Test func invalidUTF8AndNul() {
        var bytes = Array("func f() { g(\"".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3]
        bytes += Array("\") }\n\u{0}h()".utf8)
        let tree = SwiftParser.parse(bytes)
        #expect(tree.kind(tree.root) == .module)
        let all = SwiftParser.parse((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        #expect(all.kind(all.root) == .module)
    }

    @Test func recoversAtNextDeclaration() {
        let tree = parse("func a() { let = = }\nfunc b() { c() }")
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["a", "b"])
        #expect(nodes(tree, .call).count == 1)
    }
}

@Suite struct SwiftPathologicalSpeed {
    /// Inputs that would be quadratic with naive lookahead must stay linear.
    @Test(arguments: [
        String(repeating: "(/a ", count: 50_000),
        String(repeating: "a<b", count: 50_000),
        String(repeating: "f(x); ", count: 50_000),
        String(repeating: "{ [x] in ", count: 20_000),
        String(repeating: "if a { } else ", count: 20_000) + "{ }",
        String(repeating: "x?.y!", count: 50_000),
        String(repeating: "\"\\(", count: 30_000),
        String(repeating: "#if A\n.b()\n", count: 10_000),
    ])
    func linearOnOneLongLine(_ text: String) {
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = parse(text) }
        #expect(elapsed < .seconds(10))
    }

    @Test func linesOfAttributesInAnUnclosedList() {
        // Every line start in a list is tested for a declaration (recovery from an unclosed
        // bracket), which reads the attributes there.
        for opener in ["let x = (\n", "func f(\n", "let x = [\n", "f(1,\n", "let x = (\n@a(\n"] {
            let attributes = opener + String(repeating: "@a\n", count: 50_000)
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                _ = parse(attributes + "x\n")
                #expect(callees(attributes + "func g() { h() }\n").contains("h"), "\(opener)")
            }
            #expect(elapsed < .seconds(10), "\(opener)")
        }
    }

    @Test func aMegabyteOfCallsIsFullyParsed() {
        let text = String(repeating: "await f(g(1), h { $0 }); ", count: 40_000)
        let tree = parse(text)
        #expect(nodes(tree, .await).count == 40_000)
        #expect(nodes(tree, .closure).count == 40_000)
    }
}

@Suite struct SwiftRecovery {
    @Test func anUnclosedParenthesisDoesNotSwallowTheFile() {
        let tree = parse("func a() {\n  f(g(\n}\nfunc b() { c() }\nstruct S { func d() {} }")
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["a", "b", "d"])
        #expect(callees("func a() {\n  f(g(\n}\nfunc b() { c() }").contains("c"))
        #expect(!tree.problems.isEmpty)
    }

    @Test func anUnclosedArrayEndsAtTheNextDeclaration() {
        let tree = parse("let x = [1, 2,\nfunc b() { c() }")
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["b"])
    }

    @Test func anUnclosedParameterListEndsAtABraceOrTheNextDeclaration() {
        // A user's file: `async {` was read as a parameter, and the `{` that ends the list was
        // skipped as a group, to the end of the file.
        let tree = parse("func broken( async {\nfunc after() async { sleep(2) }\n")
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["broken", "after"])
        #expect(callees("func broken( async {\nfunc after() async { sleep(2) }\n") == ["sleep"])
        #expect(callees("func broken(x: Int {\n}\nfunc after() async { sleep(2) }\n") == ["sleep"])
    }

    /// Every kind of unclosed bracket before every way a declaration can start a line: the
    /// declaration is kept, and so is the call in it.
    @Test(arguments: [
        "func broken(x: Int\n", "func broken(x: (Int\n", "func broken(\n", "let x = foo(1,\n", "let x = foo(\n",
        "let x = (1,\n", "let x = [1,\n", "let x = [\n", "let x = [a: f(\n", "@available(macOS 10.15,\n",
        "@Wrapper(1,\n", "struct S {\n  let x = foo(1,\n", "func a() {\n  f(a,\n}\n",
    ])
    func anUnclosedBracketEndsAtTheNextDeclaration(_ broken: String) {
        let declarations: [(String, NodeKind, String)] = [
            ("func after() async { sleep(2) }", .function, "after"),
            ("@MainActor func after() async { sleep(2) }", .function, "after"),
            ("@MainActor\nfunc after() async { sleep(2) }", .function, "after"),
            ("public func after() async { sleep(2) }", .function, "after"),
            ("nonisolated func after() async { sleep(2) }", .function, "after"),
            ("@available(macOS 10.15, *) public func after() async { sleep(2) }", .function, "after"),
            ("@objc(after) dynamic func after() async { sleep(2) }", .function, "after"),
            ("static func after() async { sleep(2) }", .function, "after"),
            ("init() async { sleep(2) }", .function, "init"),
            ("actor A { func after() async { sleep(2) } }", .typeDecl, "A"),
            ("struct A { func after() async { sleep(2) } }", .typeDecl, "A"),
            ("final class A: B { func after() async { sleep(2) } }", .typeDecl, "A"),
            ("extension A { func after() async { sleep(2) } }", .typeDecl, "A"),
            ("var y: Int { get async { sleep(2); return 1 } }", .binding, "y"),
            ("let y = sleep(2)", .binding, "y"),
            ("@MainActor var y: Int { sleep(2) }", .binding, "y"),
        ]
        for (declaration, kind, name) in declarations {
            let tree = parse(broken + declaration + "\n")
            let sleep = nodes(tree, .call).first { SyntaxSummary.calleeText(tree, tree[$0].firstChild) == "sleep" }
            var holders: [String] = []
            var id = sleep.map { tree[$0].parent } ?? .none
            while !id.isNone {
                if tree[id].kind == kind { holders.append(tree.name(id) ?? "") }
                id = tree[id].parent
            }
            #expect(holders.contains(name), "\(broken)\(declaration)")
        }
    }

    @Test func anUnclosedBracketEndsAtADeclarationOfItsOwnLevel() {
        // A type's tuple is skipped as a group: the group ends before the next declaration.
        #expect(shape("func broken(x: (Int\nfunc after() {}\n")
            == "function:broken/func(parameter:x(typeAnnotation:(Int)) function:after/func(block)")
        // A declaration in a closure argument is the closure's; the one after it ends the call.
        #expect(shape("let x = foo(1, {\n  func inner() {}\n}\nfunc after() {}\n")
            == "binding:x/let(call(name:foo argument(literal) argument(closure(block(function:inner/func(block)))))) function:after/func(block)")
    }

    @Test func strayClosersAreSkipped() {
        let tree = parse(") ] }\nfunc b() { c() ) }\nfunc e() {}")
        #expect(nodes(tree, .function).map { tree.name($0) ?? "" } == ["b", "e"])
    }
}

@Suite struct SwiftFuzz {
    /// Deterministic mutations (cuts, duplications, truncations, byte and bracket noise) of the
    /// construct files the oracle checks: parsing every mutant must neither crash nor hang.
    @Test func mutantsOfTheConstructFilesParse() throws {
        let dir = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("../../Tools/SwiftSyntaxOracle/Corpus").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(!files.isEmpty)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(max(bound, 1)))
        }
        let noise = Array("{}()[]\"#/\\<>`$@?!:".utf8)
        for name in files {
            let source = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
            let whole = SwiftParser.parse(source)
            #expect(whole.structuralProblems(sourceCount: source.count).isEmpty, "\(name)")
            for round in 0..<150 {
                var m = source
                let a = next(m.count), b = min(m.count, a + next(200))
                switch round % 6 {
                case 0: m.removeSubrange(a..<b)
                case 1: m.insert(contentsOf: m[a..<b], at: next(m.count))
                case 2: m = Array(m[0..<a])
                case 3: for _ in 0..<20 { m[next(m.count)] = UInt8(truncatingIfNeeded: next(256)) }
                case 4: for _ in 0..<10 { m.insert(noise[next(noise.count)], at: next(m.count)) }
                default: m = Array(m[a..<b]) + Array(m[0..<a])
                }
                let tree = SwiftParser.parse(m)
                let broken = tree.structuralProblems(sourceCount: m.count)
                #expect(broken.isEmpty, "\(name) round \(round): \(broken)")
            }
        }
    }
}
