import Analysis
import AsyncLint
import Foundation
import LightSyntax
import PythonFrontend
import Reporting
import SwiftFrontend
import Testing

/// Deep and big inputs through the driver: recursion is bounded (the whole run, front end and
/// analysis, on a 512 KiB stack), time grows linearly, and the code after the monster is still
/// checked. Sizes are what the debug build of `swift test` handles in seconds; the 50 MB files
/// run through the release CLI in .ci/run (scripts/hostile-scale.sh), with the peak RSS.
@Suite(.serialized) struct ScaleTests {
    /// A file whose async function holds `deep` and then a blocking call that must be found.
    static func wrap(_ deep: String, python: Bool) -> String {
        python
            ? "import time\nasync def f():\n    x = \(deep)\n    time.sleep(1)\n"
            : "import Foundation\nfunc f() async {\n    let x = \(deep)\n    Thread.sleep(forTimeInterval: 1)\n}\n"
    }

    static func nest(_ open: String, _ close: String, _ n: Int, _ core: String = "1") -> String {
        String(repeating: open, count: n) + core + String(repeating: close, count: n)
    }

    /// Every shape of nesting the grammars allow, `n` deep (closed, so the file is valid code).
    static func shapes(python: Bool, n: Int) -> [(String, String)] {
        if python {
            return [
                ("parentheses", nest("(", ")", n)), ("brackets", nest("[", "]", n)), ("braces", nest("{", "}", n)),
                ("calls", nest("f(", ")", n)), ("subscripts", nest("a[", "]", n)),
                ("lambdas", nest("lambda: ", "", n)), ("awaits", nest("await ", "", n)),
                ("unary", nest("-", "", n)), ("not", nest("not ", "", n)), ("power", nest("a ** ", "", n)),
                ("conditionals", nest("a if b else ", "", n)), ("walrus", nest("(a := ", ")", n)),
                ("comprehensions", nest("[x for x in ", "]", n)), ("dicts", nest("{a: ", "}", n)),
                ("keywords", nest("f(k=", ")", n)), ("starred", nest("f(*", ")", n)),
                ("f-strings", nest("f'{", "}'", n / 5)),
                ("unclosed", String(repeating: "f(", count: n)),
            ]
        }
        return [
            ("parentheses", nest("(", ")", n)), ("brackets", nest("[", "]", n)), ("dictionaries", nest("[a: ", "]", n)),
            ("calls", nest("f(", ")", n)), ("closures", nest("{ ", " }", n)), ("closures with parameters", nest("{ x in ", " }", n)),
            ("trailing closures", nest("a.b { ", " }", n)), ("tasks", nest("Task { ", " }", n)),
            ("interpolations", nest("\"\\(", ")\"", n)), ("try await", nest("try await ", "", n)),
            ("unary", nest("-", "", n)), ("generics", nest("Foo<", ">", n, "Int")),
            ("if expressions", nest("{ if x { ", " } else { 1 } }", n)), ("key paths", nest("\\.a[", "]", n)),
            ("unclosed", String(repeating: "f({ ", count: n)),
        ]
    }

    @Test(arguments: [true, false])
    func deepNestingOfEveryShapeOnASmallStack(python: Bool) throws {
        let scratch = try Scratch()
        // The bound the issue names (100,000) for brackets, closures and interpolations; the
        // other shapes at 20,000, far beyond any depth limit, to keep the debug build quick.
        let big: Set<String> = ["parentheses", "brackets", "braces", "calls", "closures", "interpolations", "f-strings"]
        let ext = python ? "py" : "swift"
        var names: [String] = []
        for (label, deep) in Self.shapes(python: python, n: 20_000) {
            let name = label.replacingOccurrences(of: " ", with: "-")
            let n = big.contains(label) ? 100_000 : 20_000
            let text = n == 20_000 ? deep : Self.shapes(python: python, n: n).first { $0.0 == label }!.1
            try scratch.write("\(name).\(ext)", Self.wrap(text, python: python))
            names.append(name)
        }
        try scratch.write("zz-after.\(ext)", Self.wrap("1", python: python))
        let linter = Linter()
        let root = scratch.root
        var report: LintReport?
        let elapsed = seconds {
            report = onSmallStack { try? linter.run(LintOptions(paths: ["."], jobs: 1, workingDirectory: root)) }
        }
        let result = try #require(report)
        #expect(elapsed < 120, "\(elapsed) s")
        #expect(result.errors.isEmpty)
        #expect(result.filesChecked == names.count + 1)
        // The ordinary file next to the monsters is reported.
        #expect(result.findings.contains { $0.path == "zz-after.\(ext)" && $0.code == "AL101" })
    }

    @Test(arguments: [true, false])
    func deepNestingParsesIntoAWellFormedTreeInLinearTime(python: Bool) {
        for (label, _) in Self.shapes(python: python, n: 1) {
            var problems: [String] = []
            let (small, large) = expectLinear(label, size: 20_000) { n in
                let text = Self.wrap(Self.shapes(python: python, n: n).first { $0.0 == label }!.1, python: python)
                let bytes = Array(text.utf8)
                let tree = python ? PythonParser.parse(bytes) : SwiftParser.parse(bytes)
                problems = tree.structuralProblems(sourceCount: bytes.count)
            }
            #expect(problems.isEmpty, "\(label): \(problems)")
            #expect(large <= 3 * small + 0.25, "\(label): \(small) s for 20,000, \(large) s for 40,000")
        }
    }

    /// One long line: a list of calls (the densest tree per byte) and a long string, linear in
    /// length; many short lines, linear in their count.
    @Test(arguments: [true, false])
    func longLinesAndManyLinesStayLinear(python: Bool) throws {
        let scratch = try Scratch()
        let ext = python ? "py" : "swift"
        func lint(_ text: String) throws -> LintReport {
            try scratch.write("big.\(ext)", text)
            return try scratch.lint(["big.\(ext)"])
        }
        let callLine = try expectLinear("calls on one line", size: 512 << 10) { bytes in
            let report = try lint(Self.wrap("[" + String(repeating: "f(a), ", count: bytes / 6) + "]", python: python))
            #expect(report.findings.count == 1 && report.errors.isEmpty)
        }
        #expect(callLine.1 <= 3 * callLine.0 + 0.25, "calls: \(callLine)")
        let stringLine = try expectLinear("a string on one line", size: 4 << 20) { bytes in
            let report = try lint(Self.wrap("\"" + String(repeating: "a", count: bytes) + "\"", python: python))
            #expect(report.findings.count == 1 && report.errors.isEmpty)
        }
        #expect(stringLine.1 <= 3 * stringLine.0 + 0.25, "string: \(stringLine)")
        let statement = python ? "    y = g(x)\n" : "    let y = g(x)\n"
        // 200,000 lines here (the debug build on a shared machine); a million through the release
        // CLI in scripts/hostile-scale.sh.
        let manyLines = try expectLinear("many lines", size: 100_000) { lines in
            let body = String(repeating: statement, count: lines)
            let text = python
                ? "import time\nasync def f():\n" + body + "    time.sleep(1)\n"
                : "import Foundation\nfunc f() async {\n" + body + "    Thread.sleep(forTimeInterval: 1)\n}\n"
            let report = try lint(text)
            #expect(report.findings.map(\.range.start.line) == [lines + 3])
        }
        #expect(manyLines.1 <= 3 * manyLines.0 + 0.25, "lines: \(manyLines)")
        #expect(manyLines.1 < 120)
    }
}
