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

    /// Swift closures async by their API's type: SwiftUI's `.task { }` counts only as a member
    /// (`task`, a common variable name, does not), `AsyncStream` by its name.
    @Test func swiftAsyncClosureAPIsAreTriggers() {
        #expect(scan("var body: some View {\n    List {}\n        .task { load() }\n}\n", .swift).mayHaveFindings)
        #expect(scan("let s = AsyncStream<Int> { c in c.finish() }\n", .swift).mayHaveFindings)
        #expect(!scan("let task = queue.next()\ntask.run()\n", .swift).mayHaveFindings)
        #expect(!scan("func task(_ f: () -> Void) {}\n", .swift).mayHaveFindings)
    }

    /// A file that may have findings is parsed, so the scan stops at its first trigger and
    /// leaves the index facts empty rather than reading on for them.
    @Test func aTriggerEndsTheScanWithoutFacts() {
        let result = scan("import os\nclass A(B): pass\ndef f(): go()\nasync def g(): pass\nimport sys\n")
        #expect(result.mayHaveFindings)
        #expect(result.imports.isEmpty && result.classes.isEmpty && result.functionNames.isEmpty && result.statementCalls.isEmpty)
        #expect(scan("caf\u{e9} = 1\nawait x\n").hasNonASCII && scan("await x\ncaf\u{e9} = 1\n").hasNonASCII)
        #expect(scan("func f() {}\nfunc g() async {}\n", .swift).functionNames.isEmpty)
    }

    /// The rest of a line is read 64 bytes at a time (`nextStop`): a word is found whether it
    /// starts or ends at a block's edge, runs across one, or follows a number or a long word.
    @Test func wordsAreFoundAcrossTheScansBlocks() {
        for pad in 0..<70 {
            let spaces = String(repeating: " ", count: pad)
            // Mid-line, where only a trigger matters.
            #expect(scan("x = 1" + spaces + " await y\n").mayHaveFindings, "pad \(pad)")
            #expect(!scan("x = 1" + spaces + " awaits y\n").mayHaveFindings, "pad \(pad)")
            // A trigger glued to a word, or the end of a long word, is no trigger.
            #expect(!scan("x = " + String(repeating: "q", count: pad + 1) + "await\n").mayHaveFindings, "pad \(pad)")
            #expect(!scan("x = 1" + spaces + " 0await\n").mayHaveFindings, "pad \(pad)")
            // A keyword mid-line is read as before (an import after `;`).
            #expect(scan("x = 1" + spaces + "; import os\n").imports == [ScannedImport(module: nil, name: "os", alias: nil)],
                    "pad \(pad)")
            // Non-ASCII words before it do not hide it, and are noted.
            let accented = scan("s = 'caf\u{e9}'" + spaces + " await\n")
            #expect(accented.mayHaveFindings && accented.hasNonASCII, "pad \(pad)")
        }
        // A line of several blocks with no line end in them, then a trigger after the last one.
        #expect(scan("x = [" + String(repeating: "a1, ", count: 100) + "create_task]\n").mayHaveFindings)
        #expect(!scan("x = [" + String(repeating: "a1, ", count: 100) + "create_tasks]\n").mayHaveFindings)
        // A word longer than a block.
        #expect(!scan(String(repeating: "a", count: 200) + "sync\n").mayHaveFindings)
        #expect(scan(String(repeating: "a", count: 200) + " async\n").mayHaveFindings)
        #expect(scan("import os\n" + String(repeating: "#", count: 130) + "\nasync def f(): pass\n").mayHaveFindings)
    }

    /// `ByteMasks` against the byte-at-a-time definition: every byte value in every position
    /// of the eight, beside bytes of every other kind (a sum must not carry into a neighbour).
    @Test func byteMasksClassifyEveryByteInEveryPosition() {
        func isWordByte(_ b: UInt8) -> Bool {
            b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F
        }
        let neighbours: [UInt8] = [0x00, 0x0A, 0x20, 0x24, 0x5F, 0x7F, 0x80, 0xFF, 0x39, 0x3A, 0x40, 0x5B, 0x60, 0x7B]
        for value in 0...255 {
            for position in 0..<8 {
                for neighbour in neighbours {
                    var bytes = [UInt8](repeating: neighbour, count: 8)
                    bytes[position] = UInt8(value)
                    let x = bytes.withUnsafeBufferPointer { ByteMasks.load($0.baseAddress!, at: 0) }
                    var words: UInt64 = 0, lineEnds: UInt64 = 0, swiftIdentifier: UInt64 = 0
                    for (k, b) in bytes.enumerated() {
                        if isWordByte(b) { words |= 1 << UInt64(k) }
                        if b == 0x0A || b == 0x0D { lineEnds |= 1 << UInt64(k) }
                        if (isWordByte(b) && b < 0x80) || b == UInt8(ascii: "$") { swiftIdentifier |= 1 << UInt64(k) }
                    }
                    #expect(ByteMasks.wordBytes(x) == words, "byte \(value) at \(position) beside \(neighbour)")
                    #expect(ByteMasks.lineEnds(x) == lineEnds, "byte \(value) at \(position) beside \(neighbour)")
                    #expect(ByteMasks.swiftASCIIIdentifierBytes(x) == swiftIdentifier, "byte \(value) at \(position) beside \(neighbour)")
                    #expect(ByteMasks.leadingRun(words) == bytes.prefix { isWordByte($0) }.count, "byte \(value) at \(position)")
                }
            }
        }
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
        let types = scan("extension Outer.Inner { func f() {} }\nfinal class C {}\nenum E {}\n", .swift)
        #expect(types.typeNames == ["Inner", "C", "E"])
        // Only a declaration, not an extension, makes a system type's name the project's own.
        #expect(types.declaredTypeNames == ["C", "E"])
        // An actor's isolated sync methods run on the pool: a file declaring one is parsed.
        #expect(scan("actor A {}\n", .swift).mayHaveFindings)
        // Getters, which only a read runs, are listed apart from functions: a computed
        // property's and a subscript's, not a stored property's.
        let getters = scan("struct S {\n  var config: Config {\n    load()\n  }\n  var count = 0\n  var items: [Int] = []\n"
                           + "  subscript(i: Int) -> Int { i }\n  func load() {}\n}\n", .swift)
        #expect(getters.getterNames == ["config", "subscript"])
        #expect(getters.functionNames == ["load"])
        // A run without the project index reads no getters.
        let withoutIndex = SourceScan.scan(Array("struct S {\n  var config: Config { load() }\n}\n".utf8), language: .swift,
                                           vocabulary: ScanVocabulary(catalogue: .embedded, getters: false), indexFacts: true)
        #expect(withoutIndex.getterNames.isEmpty && withoutIndex.typeNames == ["S"])
    }

    @Test func nonASCIIBytesAreNoticed() {
        #expect(!scan("x = 1\n").hasNonASCII)
        #expect(scan("café = 1\n").hasNonASCII)
        #expect(SourceScan.scan([0x78, 0x20, 0xFF], language: .python, vocabulary: vocabulary, indexFacts: false).hasNonASCII)
    }

    func quickScan(_ source: String, _ language: SourceLanguage = .python) -> SourceScan {
        SourceScan.scan(Array(source.utf8), language: language, vocabulary: vocabulary, indexFacts: false)
    }

    /// The scan's loops rely on a line end at the end of the buffer: a file without one still
    /// yields its last word, import, definition and call.
    @Test func theLastLineNeedsNoLineEnd() {
        #expect(scan("x = 1\nawait").mayHaveFindings)
        #expect(quickScan("await").mayHaveFindings)
        #expect(!scan("x = 1\nawai").mayHaveFindings)
        #expect(scan("import os").imports == [ScannedImport(module: nil, name: "os", alias: nil)])
        #expect(scan("from a import (b").imports == [ScannedImport(module: "a", name: "b", alias: nil)])
        #expect(scan("def f").functionNames == ["f"])
        #expect(scan("class A(B").classes == [ScannedClass(name: "A", bases: ["B"])])
        #expect(scan("go(").statementCalls == [WordHash.of("go")])
        #expect(scan("import a \\").imports == [ScannedImport(module: nil, name: "a", alias: nil)])
        #expect(scan("struct S", .swift).typeNames == ["S"])
        #expect(scan("x = 1\ncaf\u{e9}").hasNonASCII)
        #expect(scan("x").statementCalls.isEmpty && scan("").statementCalls.isEmpty)
    }

    @Test func wordsEndAtTheFirstByteThatIsNoIdentifierByte() {
        // Non-ASCII bytes, digits and `_` are part of a word: none of these is a trigger.
        #expect(!scan("x = \u{e9}await + await\u{e9} + await_ + await2 + _await\n").mayHaveFindings)
        #expect(scan("x = \u{e9}+await\n").mayHaveFindings)
        #expect(scan("x=(await)\n").mayHaveFindings)
        // A number's letters are no word.
        #expect(!scan("x = 1await\n").mayHaveFindings)
        // Longer than any length the filter tells apart, and still not a trigger.
        #expect(!scan(String(repeating: "a", count: 70) + "\n").mayHaveFindings)
        #expect(scan("ensure_future(x)\n").mayHaveFindings)
    }

    @Test func statementCallsStartAfterIndentationAndAnyLineEnd() {
        let result = scan("if x:\r\n\t    \t  a.b(1)\r\n" + String(repeating: " ", count: 19) + "deep()\rnext()\n\n\n   last()\n")
        #expect(Set(result.statementCalls) == [WordHash.of("b"), WordHash.pair(WordHash.of("a"), WordHash.of("b")),
                                                WordHash.of("deep"), WordHash.of("next"), WordHash.of("last")])
        // A form feed or any other byte before the word: no statement.
        #expect(scan("\u{0c}go()\n").statementCalls.isEmpty)
        #expect(scan("x; go()\n").statementCalls.isEmpty)
        // A backslash continuation is not followed in the main loop (a superset: a new line starts).
        #expect(scan("x = \\\n    go()\n").statementCalls == [WordHash.of("go")])
        // But an import list reads on across it, and what it read starts no line.
        let continued = scan("import os \\\n  go()\n")
        #expect(continued.imports == [ScannedImport(module: nil, name: "os", alias: nil)])
        #expect(continued.statementCalls.isEmpty)
        // Each hash once, sorted, however often the call is made and however many there are.
        #expect(scan("go()\ngo()\n  go()\n").statementCalls == [WordHash.of("go")])
        let names = (0..<300).map { "f\($0)" }
        #expect(scan((names + names).map { "\($0)()\n" }.joined()).statementCalls == names.map(WordHash.of).sorted())
        // `self.x = 1` and `x = f()` are no statement calls.
        #expect(scan("self.x = f()\n").statementCalls.isEmpty)
    }

    /// Without index facts, the scan of a file with a trigger only looks for non-ASCII bytes
    /// after it; a byte ≥ 0x80 anywhere counts, also in a number (the flag decides whether the
    /// file is checked for invalid UTF-8).
    @Test func nonASCIIBytesAfterTheTrigger() {
        let padding = String(repeating: "x = 12345678\n", count: 3)
        #expect(quickScan("await x\n" + padding + "y = caf\u{e9}\n").hasNonASCII)
        #expect(quickScan("await x\n" + padding + "\u{e9}t\u{e9} = 1\n").hasNonASCII)
        #expect(!quickScan("await x\n" + padding).hasNonASCII)
        #expect(quickScan("await x\n" + padding + "y = 12\u{e9}\n").hasNonASCII)
        #expect(quickScan("await x\n" + padding + "y = 12\u{e9} + \u{e9}\n").hasNonASCII)
        #expect(quickScan("caf\u{e9} = await x\n" + padding).hasNonASCII)
        #expect(quickScan("await x\n" + padding + "y = 1\n").mayHaveFindings)
        #expect(scan("await x\n" + padding + "y = caf\u{e9}\n").hasNonASCII)
        #expect(scan("await x\n" + padding + "y = 12\u{e9}\n").hasNonASCII)
        #expect(scan("from x import (a,  # \u{e9}\n b)\n").hasNonASCII)
        #expect(!scan("from x import (a,  # e\n b)\n").hasNonASCII)
    }

    /// Dotted names are their bytes as written, or put together from their parts when there is
    /// white space (or a line continuation) around a dot.
    @Test func dottedNamesWithAndWithoutSpaces() {
        #expect(scan("import a . b as c, d.e.f\n").imports
                == [ScannedImport(module: nil, name: "a.b", alias: "c"), ScannedImport(module: nil, name: "d.e.f", alias: nil)])
        #expect(scan("from . pkg .\\\n mod import x\n").imports == [ScannedImport(module: ".pkg.mod", name: "x", alias: nil)])
        #expect(scan("from .. import x\n").imports == [ScannedImport(module: "..", name: "x", alias: nil)])
        #expect(scan("class A(pkg . Base, q.R):\n").classes == [ScannedClass(name: "A", bases: ["pkg.Base", "q.R"])])
        #expect(scan("extension A . B {}\n", .swift).typeNames == ["B"])
    }
}
