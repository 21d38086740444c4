import Analysis
import Foundation
import LightSyntax
import Reporting
import Testing
@testable import AsyncLint

/// Configuration files, suppression comments and baselines, through the driver.
@Suite struct WorkflowTests {
    func lint(_ tree: TempTree, _ configure: (inout LintOptions) -> Void = { _ in }) throws(LintUsageError) -> LintReport {
        var options = LintOptions(workingDirectory: tree.root)
        configure(&options)
        return try Linter(check: markerCheck).run(options)
    }

    func configurationError(_ tree: TempTree) -> ConfigurationError? {
        do {
            _ = try lint(tree)
            return nil
        } catch {
            if case .configuration(let problem) = error { return problem }
            return nil
        }
    }

    func summary(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.path):\($0.range.start.line):\($0.code):\($0.severity.rawValue)" }
    }

    // MARK: Configuration

    @Test func malformedConfigurationsNameFileLineAndProblem() throws {
        let tree = try TempTree()
        try tree.write("a.py", "BLOCK\n")
        try tree.write(".asynclint.toml", "# settings\nselect = [\"AL1\"\nignore = []\n")
        var problem = try #require(configurationError(tree))
        #expect(problem.path.hasSuffix("/.asynclint.toml"))
        #expect(problem.line != nil)
        #expect(problem.description.contains("TOML syntax"))

        try tree.write(".asynclint.toml", "select = [\"AL1\"]\n\nignore = [\"AL999\"]\n")
        problem = try #require(configurationError(tree))
        #expect(problem.line == 3)
        #expect(problem.message.contains("unknown rule `AL999`"))

        // An empty selection is a mistake, not "every rule" (nor ruff's "no rule").
        for empty in ["select = []", "select = [\"\"]", "select = [\" , \"]"] {
            try tree.write(".asynclint.toml", "\n" + empty + "\n")
            problem = try #require(configurationError(tree))
            #expect(problem.line == 2 && problem.message.contains("`select` names no rule"))
        }

        try tree.write(".asynclint.toml", "selct = [\"AL1\"]\n")
        problem = try #require(configurationError(tree))
        #expect(problem.line == 1 && problem.message.contains("unknown key `selct`"))

        try tree.write(".asynclint.toml", "fail-on = \"fatal\"\n")
        #expect(try #require(configurationError(tree)).message.contains("must be \"info\", \"warning\" or \"error\""))

        try tree.write(".asynclint.toml", "[python]\ncalls = [{ rule = \"AL101\", use = \"x\" }]\n")
        #expect(try #require(configurationError(tree)).message.contains("missing key `names`"))

        try tree.write(".asynclint.toml", "[python]\ncals = []\n")
        #expect(try #require(configurationError(tree)).message.contains("unknown key `python.cals`"))
        // Inside an inline table, the line of the table's key.
        try tree.write(".asynclint.toml", "ignore = []\npython = { cals = [] }\n")
        problem = try #require(configurationError(tree))
        #expect(problem.line == 2 && problem.message.contains("unknown key `python.cals`"))

        try tree.write(".asynclint.toml", "[swift]\nblocking = [{ code = \"AL999\", message = \"m\", alternative = \"u\", apis = [{ function = \"gate()\" }] }]\n")
        #expect(try #require(configurationError(tree)).message.contains("unknown rule code `AL999`"))

        try tree.write(".asynclint.toml", "safe-functions = [\"app.io.load\", \"load()\"]\n")
        #expect(try #require(configurationError(tree)).message.contains("`load()` is not a function's qualified name"))
        try tree.write(".asynclint.toml", "blocking-functions = [\"app..load\"]\n")
        #expect(try #require(configurationError(tree)).message.contains("`app..load` is not a function's qualified name"))

        // Typos inside an entry: the decoder passes over them, the loader must not.
        try tree.write(".asynclint.toml", "[swift]\nblocking = [{ code = \"AL105\", message = \"m\", alternative = \"a\", apis = [{ instanc = \"Gate.pass()\" }] }]\n")
        #expect(try #require(configurationError(tree)).message.contains("unknown key `swift.blocking[0].apis[0].instanc`"))
        try tree.write(".asynclint.toml", "[python]\ncalls = [{ rule = \"AL101\", use = \"x\", names = [\"lib.nap\"], onlyWithArgs = true }]\n")
        #expect(try #require(configurationError(tree)).message.contains("unknown key `python.calls[0].onlyWithArgs`"))
        // Every key written correctly is accepted, optional ones and `false` included.
        try tree.write(".asynclint.toml", """
            [python]
            calls = [{ rule = "AL101", use = "x", names = ["lib.nap"], onlyWithArguments = false, nonBlockingWhen = { keyword = "block", value = "False" } }]
            offloads = [{ call = "lib.run", functionArgument = 0 }]
            [swift]
            blocking = [{ code = "AL105", message = "m", alternative = "a", apis = [{ instance = "Gate.pass()", anyReceiver = false }] }]
            taskAPIs = []

            """)
        _ = try lint(tree)
    }

    @Test func configurationSelectsIgnoresPerFileAndOverridesSeverity() throws {
        let tree = try TempTree()
        try tree.write("app/a.py", "BLOCK TASK\n")
        try tree.write("tests/t.py", "BLOCK TASK\n")
        try tree.write("vendor/lib/v.py", "BLOCK\n")
        try tree.write(".asynclint.toml", """
            select = ["AL1", "orphaned-task"]
            exclude = ["vendor"]
            fail-on = "warning"
            blocking-functions = ["app.io.load"]
            safe-functions = ["app.io.cached"]

            [per-file-ignores]
            "tests/**" = ["ASYNC251"]

            [severity]
            AL201 = "error"

            """)
        let report = try lint(tree)
        #expect(summary(report) == ["app/a.py:1:AL101:error", "app/a.py:1:AL201:error", "tests/t.py:1:AL201:error"])
        #expect(report.failOn == .warning)
        // --select on the command line replaces the file's.
        #expect(summary(try lint(tree) { $0.select = ["AL201"] }) == ["app/a.py:1:AL201:error", "tests/t.py:1:AL201:error"])

        let configuration = try #require(try ConfigurationLoader.load(path: tree.path(".asynclint.toml")))
        #expect(configuration.blockingFunctions == ["app.io.load"])
        #expect(configuration.safeFunctions == ["app.io.cached"])
        #expect(configuration.perFileIgnores == [.init(glob: "tests/**", rules: ["ASYNC251"])])
    }

    @Test func theNearestConfigurationWinsAndPyprojectCounts() throws {
        let tree = try TempTree()
        try tree.write("a.py", "BLOCK TASK\n")
        try tree.write("sub/b.py", "BLOCK TASK\n")
        try tree.write("other/c.py", "BLOCK TASK\n")
        try tree.write("pyproject.toml", "[project]\nname = \"x\"\n\n[tool.asynclint]\nignore = [\"AL201\"]\n")
        try tree.write("sub/.asynclint.toml", "ignore = [\"AL101\"]\n")
        try tree.write("other/pyproject.toml", "[project]\nname = \"no config here\"\n")
        #expect(summary(try lint(tree)) == ["a.py:1:AL101:error", "other/c.py:1:AL101:error", "sub/b.py:1:AL201:warning"])
        // --config: one file for all.
        #expect(summary(try lint(tree) { $0.configPath = "sub/.asynclint.toml" })
                == ["a.py:1:AL201:warning", "other/c.py:1:AL201:warning", "sub/b.py:1:AL201:warning"])
    }

    @Test func extraBlockingAPIsFromTheConfigurationAreFound() throws {
        let tree = try TempTree()
        try tree.write("app.py", "import mylib\n\nasync def f():\n    mylib.nap(1)\n")
        try tree.write(".asynclint.toml", """
            [python]
            calls = [{ rule = "AL101", use = "await anyio.sleep(...)", names = ["mylib.nap"] }]

            """)
        let report = try Linter().run(LintOptions(workingDirectory: tree.root))
        #expect(report.findings.map { "\($0.range.start.line):\($0.code)" } == ["4:AL101"])
        #expect(report.findings.first?.help.contains("await anyio.sleep") == true)
        try FileManager.default.removeItem(atPath: tree.path(".asynclint.toml"))
        #expect(try Linter().run(LintOptions(workingDirectory: tree.root)).findings.isEmpty)
    }

    // MARK: Suppressions

    @Test func pythonSuppressionCommentsAreFoundOutsideStringsOnly() throws {
        let tree = try TempTree()
        try tree.write("a.py", """
            BLOCK  # asynclint: ignore[AL101]
            BLOCK  # asynclint: ignore
            x = "# noqa"; BLOCK
            y = '''
            # noqa
            '''; BLOCK
            BLOCK  # asynclint: ignore[AL201]
            BLOCK  # noqa: AL201
            z = "\\"# noqa"; BLOCK

            """)
        try tree.write("skipped.py", "# asynclint: skip-file\nBLOCK\n")
        let report = try lint(tree) { $0.reportUnusedSuppressions = true }
        #expect(summary(report) == ["a.py:3:AL101:error", "a.py:6:AL101:error", "a.py:7:AL101:error",
                                    "a.py:8:AL101:error", "a.py:9:AL101:error"])
        #expect(report.unusedSuppressions.map { "\($0.path):\($0.message)" } == [
            "a.py:7: unused suppression `# asynclint: ignore[AL201]`: it silenced nothing",
            "a.py:8: unused suppression `# noqa: AL201`: it silenced nothing",
        ])
    }

    /// A bare `noqa`, or one naming only other tools' codes, may be in use by flake8 or ruff:
    /// not listed. One naming an asynclint code or name is.
    @Test func otherToolsNoqaIsNotCalledUnused() throws {
        let tree = try TempTree()
        try tree.write("a.py", """
            import os  # noqa
            from x import *  # noqa: F403
            BLOCK  # noqa: E501
            y = 1  # noqa: ASYNC251
            z = 2  # noqa: E501, blocking-sleep
            w = 3  # NOQA: al101

            """)
        let report = try lint(tree) { $0.reportUnusedSuppressions = true }
        #expect(summary(report) == ["a.py:3:AL101:error"])
        #expect(report.unusedSuppressions.map(\.message) == [
            "5: unused suppression `# noqa: E501, blocking-sleep`: it silenced nothing",
            "6: unused suppression `# NOQA: al101`: it silenced nothing",
        ])
    }

    /// Comments meant for asynclint that it cannot read (review 4, #13): an unknown rule in an
    /// `asynclint:` directive, an asynclint-style code no rule has in a `noqa` (`AL1O1`, with a
    /// letter O; `E501` stays another tool's), an unknown or misspelt directive. A note on
    /// standard error in every run, at the comment's column; listed with the unused ones (and
    /// not also as unused) when those are asked for.
    @Test func unreadableSuppressionsAreNoted() throws {
        let tree = try TempTree()
        try tree.write("a.swift", """
            BLOCK // asynclint:disable:this AL1O1
            // asynclint:disable-next AL101
            BLOCK
            // asynclint:disable:next: AL101
            BLOCK
            BLOCK // noqa: AL1O1, E501
            BLOCK // noqa: E501
            // asynclint: it reads prose too
            // see asynclint:disable-next in the README
            BLOCK // asynclint:disable:this AL101, AL1O1

            """)
        try tree.write("b.py", """
            BLOCK  # asynclint: ignore[AL1O1]
            BLOCK  # noqa: AL1O1
            # asynclint: disable:next AL101
            BLOCK

            """)
        let plain = try lint(tree)
        #expect(summary(plain).count == 8)
        #expect(plain.unusedSuppressions.isEmpty)
        #expect(plain.notes.map { "\($0.path): \($0.message)" } == [
            "a.swift: 10:7: invalid suppression `// asynclint:disable:this AL101, AL1O1`: unknown rule `AL1O1`",
            "a.swift: 1:7: invalid suppression `// asynclint:disable:this AL1O1`: unknown rule `AL1O1`",
            "a.swift: 2:1: invalid suppression `// asynclint:disable-next AL101`: unknown directive `asynclint:disable-next`; did you mean `asynclint:disable:next`?",
            "a.swift: 4:1: invalid suppression `// asynclint:disable:next: AL101`: unknown directive `asynclint:disable:next:`; did you mean `asynclint:disable:next`?",
            "a.swift: 6:7: invalid suppression `// noqa: AL1O1, E501`: unknown rule `AL1O1`",
            "a.swift: 8:1: invalid suppression `// asynclint: it reads prose too`: unknown directive `asynclint:it` (known: `disable`, `disable:next`, `disable:this`, `enable`, `ignore`, `skip-file`)",
            "b.py: 1:8: invalid suppression `# asynclint: ignore[AL1O1]`: unknown rule `AL1O1`",
            "b.py: 2:8: invalid suppression `# noqa: AL1O1`: unknown rule `AL1O1`",
            "b.py: 3:1: invalid suppression `# asynclint: disable:next AL101`: `asynclint:disable:next` is a directive of Swift files only",
        ])
        let listed = try lint(tree) { $0.reportUnusedSuppressions = true }
        #expect(listed.notes.isEmpty)
        #expect(listed.unusedSuppressions.map { "\($0.path):\($0.line):\($0.column) \($0.problem == nil ? "unused" : "invalid")" } == [
            "a.swift:1:7 invalid", "a.swift:2:1 invalid", "a.swift:4:1 invalid", "a.swift:6:7 invalid",
            "a.swift:8:1 invalid", "a.swift:10:7 invalid", "b.py:1:8 invalid", "b.py:2:8 invalid", "b.py:3:1 invalid",
        ])
    }

    @Test func swiftDisableNextThisAndRegions() throws {
        let tree = try TempTree()
        try tree.write("a.swift", """
            // asynclint:disable:next AL101
            BLOCK
            BLOCK // asynclint:disable:this
            /* asynclint:disable blocking-sleep */
            BLOCK
            BLOCK TASK
            // asynclint:enable AL101
            BLOCK
            let s = "// asynclint:disable:this"; BLOCK
            // asynclint:disable:next AL105
            BLOCK
            BLOCK // asynclint: ignore[AL101]
            BLOCK // asynclint: ignore

            """)
        let report = try lint(tree) { $0.reportUnusedSuppressions = true }
        #expect(summary(report) == ["a.swift:6:AL201:warning", "a.swift:8:AL101:error", "a.swift:9:AL101:error",
                                    "a.swift:11:AL101:error"])
        #expect(report.unusedSuppressions.map(\.message) == ["10: unused suppression `// asynclint:disable:next AL105`: it silenced nothing"])
    }

    @Test func commentScannerSkipsLiterals() {
        let python = CommentScanner.pythonComments(Array("a = 'x # no'  # one\nb = \"\"\"\n# two\n\"\"\" # three\n".utf8))
        #expect(python == [.init(line: 1, text: "# one", column: 15, isOwnLine: false),
                           .init(line: 4, text: "# three", column: 5, isOwnLine: false)])
        #expect(CommentScanner.pythonComments(Array("x = 1\n  \t# own\n".utf8)).map(\.isOwnLine) == [true])
        let swift = CommentScanner.swiftComments(Array("let a = #\"x // \"no\"#  // one\n/* two\n three */ let b = 1\n".utf8))
        #expect(swift.map(\.line) == [1, 2, 3])
        #expect(swift.first?.text == "// one")
        #expect(swift.map(\.column) == [23, 1, 1])
    }

    // MARK: Baseline

    @Test func baselineHidesRecordedFindingsWherever­TheyMove() throws {
        let tree = try TempTree()
        try tree.write("a.py", "BLOCK one\nBLOCK two\n")
        let first = try lint(tree)
        let baselinePath = tree.path("baseline.json")
        try Baseline(report: first).write(path: baselinePath)
        let text = try String(contentsOfFile: baselinePath, encoding: .utf8)
        #expect(text == """
            {
              "version": 1,
              "findings": [
                {
                  "path": "a.py",
                  "code": "AL101",
                  "line": "BLOCK one"
                },
                {
                  "path": "a.py",
                  "code": "AL101",
                  "line": "BLOCK two"
                }
              ]
            }

            """)
        try tree.write("a.py", "# a new first line\n  BLOCK two\nBLOCK one\nBLOCK three\nBLOCK one\n")
        let later = try lint(tree) { $0.baselinePath = "baseline.json" }
        #expect(summary(later) == ["a.py:4:AL101:error", "a.py:5:AL101:error"])
    }

    @Test func aBaselineThatIsNotJSONIsAUsageError() throws {
        let tree = try TempTree()
        try tree.write("a.py", "BLOCK\n")
        try tree.write("baseline.json", "this is not JSON\n")
        #expect(throws: LintUsageError.self) { try lint(tree) { $0.baselinePath = "baseline.json" } }
        try tree.write("baseline.json", "[1, 2]\n")
        #expect(throws: LintUsageError.self) { try lint(tree) { $0.baselinePath = "baseline.json" } }
    }
}
