import Testing
@testable import Analysis

/// What the index's demand reads of an unparsed Swift file's functions: which are free (not
/// declared directly in a type's body, the only ones a bare call from another type can mean),
/// the innermost type of the others, and their parameter labels. Wrong in the other direction
/// (a free function taken for a method, a method put in the wrong type) would lose a finding,
/// so every doubt answers "free", "unknown" or nil.
@Suite struct SwiftDeclarationScanTests {
    /// The keys of every function the walk read, or nil when it trusts nothing of the file.
    func keys(_ source: String) -> Set<UInt64>? {
        SwiftDeclarationScan.declarations(Array(source.utf8)).map { Set($0.signatures.map(\.key)) }
    }

    /// The keys of free functions by name and of members as `Type.name`.
    func expected(free: [String], members: [String] = []) -> Set<UInt64> {
        Set(free.map(SwiftDeclarationScan.freeKey) + members.map { member in
            let dot = member.firstIndex(of: ".")!
            return SwiftDeclarationScan.memberKey(type: String(member[..<dot]), name: String(member[member.index(after: dot)...]))
        })
    }

    func membersKnown(_ source: String) -> Bool? { SwiftDeclarationScan.declarations(Array(source.utf8))?.membersKnown }

    @Test func methodsOfTypesAndExtensionsAreNotFree() {
        #expect(keys("""
            func top() {}
            struct S { func method() {} ; struct Inner { func deeper() {} } }
            extension S { func more() {} }
            protocol P { func requirement() }
            enum E: Int { case a; func m() {} }
            actor A { func isolated() {} }
            final class C<T>: Base where T: Equatable { func m2() {} }
            func `backticked`() {}
            """) == expected(free: ["top", "backticked"],
                             members: ["S.method", "Inner.deeper", "S.more", "P.requirement", "E.m", "A.isolated", "C.m2"]))
    }

    @Test func functionsInsideOtherBracesCountAsFree() {
        // A local function, one in a closure or an accessor: never a method of the type.
        #expect(keys("""
            struct S {
                func outer() { func local() {} }
                var x: Int { func inAccessor() -> Int { 1 }; return inAccessor() }
                let handler = { func inClosure() {} }
            }
            """) == expected(free: ["local", "inAccessor", "inClosure"], members: ["S.outer", "S.x"]))
    }

    @Test func classAsAModifierAndActorAsANameOpenNoType() {
        #expect(keys("""
            class C { class func make() {} ; class var shared: C { C() } }
            func f() { for actor in actors { func g() {} } }
            func h() { let x = y.class; if x { func k() {} } }
            """) == expected(free: ["f", "g", "h", "k"], members: ["C.make", "C.shared"]))
    }

    /// A computed property's or a subscript's getter is a function for the index (a read runs
    /// it); a stored property is none, whatever braces its value holds.
    @Test func computedPropertiesAndSubscriptsAreGetters() {
        #expect(keys("""
            struct S {
                var computed: [String: Int] { [:] }
                var stored: Int = 0 { didSet {} }
                let constant: Int
                var closure: () -> Void = { }
                subscript(key: String) -> Int { 0 }
            }
            var global: Int { 1 }
            """) == expected(free: ["global"], members: ["S.computed", "S.subscript"]))
        // Marked as getters: a read runs them, a call the functions.
        let declared = SwiftDeclarationScan.declarations(Array("struct S {\n  var config: Int { 1 }\n  func config() {}\n}\n".utf8))
        let config = SwiftDeclarationScan.memberKey(type: "S", name: "config")
        #expect(declared?.signatures.filter { $0.key == config }.map(\.isGetter).sorted { !$0 && $1 } == [false, true])
    }

    @Test func bracesInCommentsAndStringsDoNotCount() {
        #expect(keys("""
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
            """) == expected(free: ["free"], members: ["S.member"]))
    }

    @Test func unbalancedBracesTrustNothing() {
        #expect(keys("struct S {\n    func m() {}\n") == nil)
        #expect(keys("}\nfunc f() {}\n") == nil)
        #expect(keys("struct S { let s = \"unterminated\n func m() {} }\n") == nil)
        #expect(keys("") == [])
    }

    /// A member call `T.name(…)` can only mean a `name` declared in a `T` body: the innermost
    /// type's last name, as the index keys its members. A function in any other brace is no
    /// member (it counts as free, above).
    @Test func membersAreNamedByTheInnermostTypesLastName() {
        let source = """
            func top() {}
            struct S { func method() {} ; struct Inner { func deeper() {} } }
            extension NIOCore.ByteBuffer { func write(x: Int) {} }
            protocol P { func requirement() }
            final class C<T>: Base where T: Equatable { func m2() {} }
            extension Array where Element == Int { func sum() -> Int { 0 } }
            struct W { func outer() { func local() {} } }
            """
        #expect(keys(source) == expected(free: ["top", "local"],
                                         members: ["S.method", "Inner.deeper", "ByteBuffer.write", "P.requirement", "C.m2",
                                                   "Array.sum", "W.outer"]))
        #expect(membersKnown(source) == true)
    }

    /// A type name the index may spell otherwise leaves every member unknown (the driver then
    /// takes any function of the name for a member of any type the file declares or extends);
    /// the free functions still hold.
    @Test func anUnusualTypeNameLeavesTheMembersUnknown() {
        #expect(membersKnown("struct lower { func f() {} }\nfunc g() {}\n") == false)
        #expect(keys("struct lower { func f() {} }\nfunc g() {}\n") == expected(free: ["g"], members: ["lower.f"]))
        #expect(membersKnown("extension `Foo` { func f() {} }") == false)
        #expect(membersKnown("extension A .B { func f() {} }") == false)
        #expect(membersKnown("extension A.B { func f() {} }") == true)
        #expect(keys("extension A.B { func f() {} }") == expected(free: [], members: ["B.f"]))
        #expect(keys("struct S { func f() {} }\nextension S { func f(x: Int) {} }\n") == expected(free: [], members: ["S.f"]))
        #expect(membersKnown("struct S {\n    func m() {}\n") == nil)
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
        #expect(Set(declared.signatures.map(\.key)) == expected(free: ["free", "comp", "commented", "after"],
                                                               members: ["S.a", "S.b", "S.c", "S.d", "S.e"]))
        #expect(declared.signatures.map(\.key) == declared.signatures.map(\.key).sorted())
    }
}
