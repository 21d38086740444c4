import Testing
@testable import Analysis

/// Which functions of an unparsed Swift file a bare call from another type can mean: those not
/// declared directly in a type's body. Wrong in the other direction (a free function taken for a
/// method) would lose a finding, so every doubt answers "free" or nil.
@Suite struct SwiftDeclarationScanTests {
    func free(_ source: String) -> [String]? { SwiftDeclarationScan.freeFunctionNames(Array(source.utf8)) }
    func members(_ source: String) -> [UInt64]? { SwiftDeclarationScan.declarations(Array(source.utf8))?.members }
    func keys(_ names: [String]) -> [UInt64] {
        names.map { name in
            let dot = name.firstIndex(of: ".")!
            return SwiftDeclarationScan.memberKey(type: String(name[..<dot]), name: String(name[name.index(after: dot)...]))
        }.sorted()
    }

    @Test func methodsOfTypesAndExtensionsAreNotFree() {
        #expect(free("""
            func top() {}
            struct S { func method() {} ; struct Inner { func deeper() {} } }
            extension S { func more() {} }
            protocol P { func requirement() }
            enum E: Int { case a; func m() {} }
            actor A { func isolated() {} }
            final class C<T>: Base where T: Equatable { func m2() {} }
            func `backticked`() {}
            """) == ["top", "backticked"])
    }

    @Test func functionsInsideOtherBracesCountAsFree() {
        // A local function, one in a closure or an accessor: never a method of the type.
        #expect(free("""
            struct S {
                func outer() { func local() {} }
                var x: Int { func inAccessor() -> Int { 1 }; return inAccessor() }
                let handler = { func inClosure() {} }
            }
            """) == ["local", "inAccessor", "inClosure"])
    }

    @Test func classAsAModifierAndActorAsANameOpenNoType() {
        #expect(free("""
            class C { class func make() {} ; class var shared: C { C() } }
            func f() { for actor in actors { func g() {} } }
            func h() { let x = y.class; if x { func k() {} } }
            """) == ["f", "g", "h", "k"])
    }

    @Test func bracesInCommentsAndStringsDoNotCount() {
        #expect(free("""
            struct S {
                let a = "{"          // }
                let b = \"\"\"
                    }
                    \"\"\"
                let c = #"\\"}"#
                /* } /* nested } */ { */
                func member() {}
            }
            func free() { _ = "\\(value("}"))" }
            """) == ["free"])
    }

    @Test func unbalancedBracesTrustNothing() {
        #expect(free("struct S {\n    func m() {}\n") == nil)
        #expect(free("}\nfunc f() {}\n") == nil)
        #expect(free("struct S { let s = \"unterminated\n func m() {} }\n") == nil)
        #expect(free("") == [])
    }

    /// A member call `T.name(…)` can only mean a `name` declared in a `T` body: the innermost
    /// type's last name, as the index keys its members. A function in any other brace is no
    /// member (it counts as free, above).
    @Test func membersAreNamedByTheInnermostTypesLastName() {
        #expect(members("""
            func top() {}
            struct S { func method() {} ; struct Inner { func deeper() {} } }
            extension NIOCore.ByteBuffer { func write(x: Int) {} }
            protocol P { func requirement() }
            final class C<T>: Base where T: Equatable { func m2() {} }
            extension Array where Element == Int { func sum() -> Int { 0 } }
            struct W { func outer() { func local() {} } }
            """) == keys(["S.method", "Inner.deeper", "ByteBuffer.write", "P.requirement", "C.m2", "Array.sum", "W.outer"]))
    }

    /// A type name the index may spell otherwise leaves every member unknown (the driver then
    /// falls back to the files that declare or extend the type); the free functions still hold.
    @Test func anUnusualTypeNameLeavesTheMembersUnknown() {
        #expect(members("struct lower { func f() {} }\nfunc g() {}\n") == nil)
        #expect(free("struct lower { func f() {} }\nfunc g() {}\n") == ["g"])
        #expect(members("extension `Foo` { func f() {} }") == nil)
        #expect(members("extension A .B { func f() {} }") == nil)
        #expect(members("extension A.B { func f() {} }") == keys(["B.f"]))
        #expect(members("struct S { func f() {} }\nextension S { func f(x: Int) {} }\n") == keys(["S.f"]))
        #expect(members("struct S {\n    func m() {}\n") == nil)
    }

    /// Each function's parameters as the summary records them (`label`, `label=` with a default,
    /// `_` for none), for the driver to match a call's labels before it parses the file; nil
    /// where the list is not read for sure, and the walk goes on as if it had not looked.
    @Test func parametersAreReadAsTheSummaryRecordsThem() throws {
        let source = """
            struct S {
                func a(x: Int, _ y: Int, label z: Int = 1, w: [String: Int] = [:]) {}
                func b<T: Collection>(items: T, transform: @escaping (T.Element) -> Void = { _ in }) {}
                func c(_: Int, f: Dictionary<String, Array<Int>>, g: Int...) {}
                func d() {}
                func e(@_implicitSelfCapture handler: @escaping () -> Void, text: String = "a, b) {") {}
            }
            func free(in x: Int) {}
            func comp(x: Bool = a < b) {}
            func commented(x: Int // why
            ) {}
            func after() {}
            """
        let declared = try #require(SwiftDeclarationScan.declarations(Array(source.utf8)))
        func parameters(_ key: UInt64) -> [[String]?] { declared.signatures.filter { $0.key == key }.map(\.parameters) }
        func member(_ name: String) -> UInt64 { SwiftDeclarationScan.memberKey(type: "S", name: name) }
        #expect(parameters(member("a")) == [["x", "_", "label=", "w="]])
        #expect(parameters(member("b")) == [["items", "transform="]])
        #expect(parameters(member("c")) == [["_", "f", "g"]])
        #expect(parameters(member("d")) == [[]])
        #expect(parameters(member("e")) == [["handler", "text="]])
        // A keyword as a name, a `<` in a default value, a comment inside: not read.
        #expect(parameters(SwiftDeclarationScan.freeKey(name: "free")) == [nil])
        #expect(parameters(SwiftDeclarationScan.freeKey(name: "comp")) == [nil])
        #expect(parameters(SwiftDeclarationScan.freeKey(name: "commented")) == [nil])
        #expect(parameters(SwiftDeclarationScan.freeKey(name: "after")) == [[]])
        #expect(declared.free == ["free", "comp", "commented", "after"])
        #expect(declared.members == keys(["S.a", "S.b", "S.c", "S.d", "S.e"]))
    }
}
