import Testing
import LightSyntax
@testable import Analysis

/// The byte-level scan that decides whether a file is parsed: the words that make a per-file
/// rule possible, and what the project index needs of a file it has not parsed.
@Suite struct SourceScanTests {
    let vocabulary = ScanVocabulary(catalogue: .embedded)

    func scan(_ source: String, _ language: SourceLanguage = .python) -> SourceScan {
        SourceScan.scan(Array(source.utf8), language: language, vocabulary: vocabulary, indexFacts: true)
    }

    @Test func pythonFilesWithoutAsyncWordsAreNotWorthParsing() {
        #expect(!scan("import asyncio\n\ndef main():\n    asyncio.run(go())\n").mayHaveFindings)
        #expect(!scan("asynchronous = awaiting = 1\nx = 'asyncio'\n").mayHaveFindings)
        #expect(!scan("").mayHaveFindings)
        #expect(scan("async def f():\n    pass\n").mayHaveFindings)
        #expect(scan("x = [y async for y in z]\n").mayHaveFindings)
        #expect(scan("def f():\n    return (await_ := 1)\n# await\n").mayHaveFindings)   // a comment counts too
        // Task APIs fire in sync code (AL201); an aliased import still names them once.
        #expect(scan("from asyncio import ensure_future as ef\nef(x)\n").mayHaveFindings)
        #expect(scan("def cb(loop):\n    loop.create_task(work())\n").mayHaveFindings)
    }

    @Test func swiftFilesNeedAsyncAwaitOrATaskAPI() {
        #expect(!scan("func f() { print(1) }\n", .swift).mayHaveFindings)
        #expect(scan("func f() { Task { await g() } }\n", .swift).mayHaveFindings)
        #expect(scan("func f() { Task { g() } }\n", .swift).mayHaveFindings)
        #expect(scan("func f() async {}\n", .swift).mayHaveFindings)
    }

    @Test func pythonImportsAreReadInEveryForm() {
        let imports = scan("""
            import os, a.b as c
            from ..pkg.mod import (x,
                y as z,  # comment
            )
            from . import helpers
            from pkg import *
            from m \\
                import n
            yield from gen()
            """).imports
        #expect(imports == [
            ScannedImport(module: nil, name: "os", alias: nil),
            ScannedImport(module: nil, name: "a.b", alias: "c"),
            ScannedImport(module: "..pkg.mod", name: "x", alias: nil),
            ScannedImport(module: "..pkg.mod", name: "y", alias: "z"),
            ScannedImport(module: ".", name: "helpers", alias: nil),
            ScannedImport(module: "pkg", name: "*", alias: nil),
            ScannedImport(module: "m", name: "n", alias: nil),
        ])
    }

    @Test func pythonClassesDefinitionsAndStatementCalls() {
        let result = scan("""
            class A(Base, pkg.Other[T], metaclass=Meta):
                def run(self):
                    self.close()
                    x = fetch()
                    pkg.mod.go(1)
            class B: pass
            """)
        #expect(result.classes == [ScannedClass(name: "A", bases: ["Base", "pkg.Other"]), ScannedClass(name: "B", bases: [])])
        #expect(result.functionNames == ["run"])
        let calls = Set(result.statementCalls)
        #expect(calls.contains(WordHash.of("close")) && calls.contains(WordHash.of("go")))
        #expect(calls.contains(WordHash.pair(WordHash.of("self"), WordHash.of("close"))))
        #expect(calls.contains(WordHash.pair(WordHash.of("mod"), WordHash.of("go"))))
        #expect(!calls.contains(WordHash.of("fetch")))   // its value is used
        #expect(!calls.contains(WordHash.of("A")))
    }

    @Test func swiftDeclarationsAreListed() {
        let result = scan("struct S {\n  func load(from p: String) {}\n  func `default`() {}\n  static func +(a: S, b: S) -> S { a }\n}\nprotocol Store {}\n", .swift)
        #expect(result.functionNames == ["load", "default"])
        #expect(result.protocolNames == ["Store"])
        #expect(result.typeNames == ["S", "Store"])
        #expect(scan("extension Outer.Inner { func f() {} }\nfinal class C {}\nactor A {}\nenum E {}\n", .swift).typeNames
                == ["Inner", "C", "A", "E"])
    }

    @Test func nonASCIIBytesAreNoticed() {
        #expect(!scan("x = 1\n").hasNonASCII)
        #expect(scan("café = 1\n").hasNonASCII)
        #expect(SourceScan.scan([0x78, 0x20, 0xFF], language: .python, vocabulary: vocabulary, indexFacts: false).hasNonASCII)
    }
}
