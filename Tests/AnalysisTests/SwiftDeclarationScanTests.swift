import Testing
@testable import Analysis

/// Which functions of an unparsed Swift file a bare call from another type can mean: those not
/// declared directly in a type's body. Wrong in the other direction (a free function taken for a
/// method) would lose a finding, so every doubt answers "free" or nil.
@Suite struct SwiftDeclarationScanTests {
    func free(_ source: String) -> [String]? { SwiftDeclarationScan.freeFunctionNames(Array(source.utf8)) }

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
}
