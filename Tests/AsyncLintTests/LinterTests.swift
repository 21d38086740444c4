import Analysis
import Foundation
import LightSyntax
import Reporting
import Testing
@testable import AsyncLint

/// A stand-in for the analysis (still being written): every `BLOCK` in a file is an AL101
/// finding and every `TASK` an AL201 (a warning), so the driver is tested on findings it controls.
let markerCheck: Linter.FileCheck = { tree, path in
    var findings: [Finding] = []
    let catalogue = RuleCatalogue.embedded
    for line in 1...tree.lineMap.lineCount {
        let text = Array(tree.lineMap.lineText(line).unicodeScalars)
        for (marker, code) in [("BLOCK", "AL101"), ("TASK", "AL201")] {
            let m = Array(marker.unicodeScalars)
            var i = 0
            while i + m.count <= text.count {
                if Array(text[i..<i + m.count]) == m {
                    let range = SourceRange(start: SourceLocation(line: line, column: i + 1),
                                            end: SourceLocation(line: line, column: i + 1 + m.count))
                    findings.append(Finding(path: path, range: range, rule: catalogue.rule(code: code)!,
                                            language: tree.language, message: "\(marker) found", help: "remove it"))
                }
                i += 1
            }
        }
    }
    // Reverse so the driver, not the check, has to establish the order.
    return findings.reversed()
}

private func lint(_ tree: TempTree, _ options: LintOptions = LintOptions()) throws -> LintReport {
    var options = options
    options.workingDirectory = tree.root
    return try Linter(check: markerCheck).run(options)
}

@Test func findingsAreSortedAndCarryTheirSourceLine() throws {
    let tree = try TempTree()
    try tree.write("b.py", "x = 1\n  BLOCK()  TASK\n")
    try tree.write("a.swift", "TASK BLOCK\n")
    let report = try lint(tree)
    #expect(report.findings.map { "\($0.path):\($0.range.start.line):\($0.range.start.column):\($0.code)" } == [
        "a.swift:1:1:AL201", "a.swift:1:6:AL101", "b.py:2:3:AL101", "b.py:2:12:AL201",
    ])
    #expect(report.filesChecked == 2)
    #expect(report.sourceLines.text(path: "b.py", line: 2) == "  BLOCK()  TASK")
    #expect(report.exitStatus() == 1)
}

@Test func selectAndIgnoreByCodeNameAliasAndPrefix() throws {
    let tree = try TempTree()
    try tree.write("a.py", "BLOCK TASK\n")
    func codes(select: [String] = [], ignore: [String] = []) throws -> [String] {
        try lint(tree, LintOptions(select: select, ignore: ignore)).findings.map(\.code)
    }
    #expect(try codes() == ["AL101", "AL201"])
    #expect(try codes(select: ["AL101"]) == ["AL101"])
    #expect(try codes(select: ["blocking-sleep"]) == ["AL101"])
    #expect(try codes(select: ["ASYNC251"]) == ["AL101"])
    #expect(try codes(select: ["RUF006"]) == ["AL201"])
    #expect(try codes(select: ["AL2"]) == ["AL201"])
    #expect(try codes(select: ["AL101, AL201"]) == ["AL101", "AL201"])
    #expect(try codes(select: ["al1"]) == ["AL101"])
    #expect(try codes(ignore: ["orphaned-task"]) == ["AL101"])
    #expect(try codes(select: ["ALL"], ignore: ["AL1"]) == ["AL201"])
    // Alias prefixes as ruff reads them: the tool's letters, then digits.
    #expect(try codes(select: ["ASYNC2"]) == ["AL101"])
    #expect(try codes(select: ["ASYNC"]) == ["AL101", "AL201"])
    #expect(try codes(select: ["RUF"]) == ["AL201"])
    #expect(throws: LintUsageError.unknownRuleSelector("ASY")) { try codes(select: ["ASY"]) }
    #expect(throws: LintUsageError.unknownRuleSelector("ASYNC9")) { try codes(select: ["ASYNC9"]) }
    #expect(RuleCatalogue.embedded.rules(selectedBy: "ASYNC22").map(\.code) == ["AL104"])
    #expect(RuleCatalogue.embedded.rules(selectedBy: "ASYNC2").map(\.code) == ["AL101", "AL102", "AL103", "AL104", "AL106"])
    #expect(throws: LintUsageError.unknownRuleSelector("AL999")) { try codes(select: ["AL999"]) }
    #expect(throws: LintUsageError.unknownRuleSelector("nonsense")) { try codes(ignore: ["nonsense"]) }
    // A ruff user's list names flake8-async and ruff codes asynclint has no rule for: no error.
    #expect(try codes(ignore: ["ASYNC109", "ruf012"]) == ["AL101", "AL201"])
    #expect(try codes(select: ["ASYNC109", "AL201"]) == ["AL201"])
    #expect(throws: LintUsageError.selectsOnlyForeignCodes(["ASYNC109"])) { try codes(select: ["ASYNC109"]) }
    #expect(throws: LintUsageError.unknownRuleSelector("ASYNC1090")) { try codes(ignore: ["ASYNC1090"]) }
}

@Test func exitStatusFollowsTheFailingSeverityAndErrorsWin() throws {
    let tree = try TempTree()
    try tree.write("warn.py", "TASK\n")
    try tree.write("clean.py", "pass\n")
    let warnings = try lint(tree, LintOptions(paths: ["warn.py"]))
    #expect(warnings.exitStatus() == 1)
    #expect(warnings.exitStatus(failingSeverity: .warning) == 1)
    #expect(warnings.exitStatus(failingSeverity: .error) == 0)
    #expect(try lint(tree, LintOptions(paths: ["clean.py"])).exitStatus() == 0)
    let withError = try lint(tree, LintOptions(paths: ["warn.py", "missing.py"]))
    #expect(withError.findings.count == 1)
    #expect(withError.exitStatus() == 2)
    #expect(throws: LintUsageError.invalidJobCount(0)) { try lint(tree, LintOptions(jobs: 0)) }
}

@Test func aBinaryFileIsSkippedWithANote() throws {
    let tree = try TempTree()
    try tree.write("data.py", bytes: Array("BLOCK".utf8) + [0, 1, 2])
    try tree.write("ok.py", "BLOCK\n")
    let report = try lint(tree)
    #expect(report.findings.map(\.path) == ["ok.py"])
    #expect(report.notes.count == 1)
    #expect(report.notes.first?.path == "data.py")
    #expect(report.notes.first?.message.contains("binary") == true)
    #expect(report.errors.isEmpty)
    #expect(report.filesChecked == 1)
    #expect(report.exitStatus() == 1)
}

@Test func anUnreadableFileIsAnErrorAndTheOthersAreStillReported() throws {
    let tree = try TempTree()
    try tree.write("a.py", "BLOCK\n")
    try tree.write("z.py", "BLOCK\n")
    // A FIFO named like a source file: opening it must neither hang nor be taken for source.
    #expect(mkfifo(tree.path("m.py"), 0o644) == 0)
    var paths = ["."]
    if geteuid() != 0 {
        // Permission bits only stop someone other than root.
        try tree.write("secret.py", "BLOCK\n")
        chmod(tree.path("secret.py"), 0)
        paths.append("secret.py")
    }
    let report = try lint(tree, LintOptions(paths: paths))
    #expect(report.findings.map(\.path) == ["a.py", "z.py"])
    #expect(report.errors.contains(FileError(path: "m.py", message: "cannot read: not a regular file")))
    if geteuid() != 0 {
        #expect(report.errors.contains(FileError(path: "secret.py", message: "cannot read: Permission denied")))
    }
    #expect(report.exitStatus() == 2)
    let text = TextReporter().render(report)
    #expect(text.standardError.contains("m.py: error: cannot read: not a regular file\n"))
}

@Test func aDirectoryNamedExplicitlyLikeASourceFileIsWalkedNotRead() throws {
    let tree = try TempTree()
    try tree.write("pkg.py/inner.py", "BLOCK\n")
    let report = try lint(tree, LintOptions(paths: ["pkg.py"]))
    #expect(report.findings.map(\.path) == ["pkg.py/inner.py"])
    #expect(report.errors.isEmpty)
}

@Test func outputIsIdenticalWhateverTheNumberOfThreads() throws {
    let tree = try TempTree()
    // A few hundred files of uneven sizes, so workers finish in a scrambled order.
    for i in 0..<300 {
        let directory = "pkg\(i % 7)/sub\(i % 3)"
        var body = ""
        for line in 0..<(i % 13) * 20 + 1 {
            body += line % 5 == 0 ? "    BLOCK(\(line)); TASK\n" : "x = \(line)\n"
        }
        try tree.write("\(directory)/m\(i).\(i % 2 == 0 ? "py" : "swift")", body)
    }
    let one = try lint(tree, LintOptions(jobs: 1))
    let many = try lint(tree, LintOptions(jobs: max(4, ProcessInfo.processInfo.activeProcessorCount)))
    #expect(one.findings.count > 1000)
    #expect(one.filesChecked == 300)
    #expect(one.findings == many.findings)
    for format in OutputFormat.allCases {
        let reporter = format.reporter(style: TextStyle())
        #expect(reporter.render(one) == reporter.render(many))
    }
    #expect(one.findings == one.findings.sorted(by: Finding.reportOrder))
}

@Test func parallelMapKeepsIndexOrder() {
    let squares = ParallelWork.map(count: 1000, jobs: 8) { $0 * $0 }
    #expect(squares == (0..<1000).map { $0 * $0 })
    #expect(ParallelWork.map(count: 0, jobs: 8) { $0 }.isEmpty)
}

@Test func noqaCommentsSilenceFindingsOnTheirLine() throws {
    let tree = try TempTree()
    try tree.write("a.py", """
        BLOCK  # noqa
        BLOCK  # noqa: AL101
        BLOCK  # NOQA:ASYNC251
        BLOCK  # noqa: blocking-sleep, AL201
        BLOCK  # noqa: AL201
        BLOCK  # noqa:
        BLOCK  # noqanything
        BLOCK  // noqa
        BLOCK TASK  # type: ignore  # noqa: RUF006

        """)
    try tree.write("b.swift", "BLOCK // noqa: AL101\nBLOCK # noqa\nTASK // noqa: ASYNC300\n")
    let report = try lint(tree)
    #expect(report.findings.map { "\($0.path):\($0.range.start.line):\($0.code)" } == [
        "a.py:5:AL101", "a.py:7:AL101", "a.py:8:AL101", "a.py:9:AL101", "b.swift:2:AL101",
    ])
}

@Test func noqaScopeParsing() {
    #expect(Suppressions.scope(onLine: "x()  # noqa", language: .python) == .allRules)
    #expect(Suppressions.scope(onLine: "x()  #noqa: A1,B2 C3 - trailing words", language: .python) == .rules(["A1", "B2", "C3"]))
    #expect(Suppressions.scope(onLine: "x()  # noqa: AL101 -- why", language: .python) == .rules(["AL101"]))
    #expect(Suppressions.scope(onLine: "x()  # no qa", language: .python) == nil)
    #expect(Suppressions.scope(onLine: "x() // noqa: AL105", language: .swift) == .rules(["AL105"]))
    #expect(Suppressions.scope(onLine: "x() # noqa", language: .swift) == nil)
}

/// ruff's file-wide exemptions: `# ruff: noqa` (every rule, the whole file), `# ruff: noqa:
/// CODES` (those rules), and flake8's `# flake8: noqa`, which ruff reads as `# ruff: noqa`.
@Test func ruffAndFlake8FileExemptionsSilenceTheWholeFile() throws {
    let tree = try TempTree()
    try tree.write("all.py", "BLOCK\n# flake8: noqa\nTASK\n")
    try tree.write("codes.py", "BLOCK\nTASK\n# ruff: noqa: ASYNC251\nBLOCK\n")
    try tree.write("line.py", "BLOCK  # noqa: ruff\nTASK  # ruff: noqa-ish\n")
    try tree.write("swift.swift", "BLOCK // ruff: noqa\n")
    // After code, ruff rejects a file-wide directive (with a warning): it silences nothing.
    try tree.write("trailing.py", "BLOCK  # ruff: noqa\nTASK\n")
    let report = try lint(tree)
    #expect(report.findings.map { "\($0.path):\($0.range.start.line):\($0.code)" } == [
        "codes.py:2:AL201", "line.py:1:AL101", "line.py:2:AL201", "swift.swift:1:AL101",
        "trailing.py:1:AL101", "trailing.py:2:AL201",
    ])
    #expect(Suppressions.fileExemption(inComment: "# Ruff: NOQA: AL101, AL201", language: .python) == .rules(["AL101", "AL201"]))
    #expect(Suppressions.fileExemption(inComment: "# flake8: noqa", language: .python) == .allRules)
    #expect(Suppressions.fileExemption(inComment: "# noqa", language: .python) == nil)
    #expect(Suppressions.fileExemption(inComment: "# type: ignore  # ruff: noqa", language: .python) == .allRules)
}

/// A Python file that declares its encoding (PEP 263) is not invalid UTF-8: CPython reads it,
/// and so does the front end, byte by byte. Without the declaration, or with one CPython does
/// not honour, the same bytes get the note.
@Test func declaredEncodingSilencesTheInvalidUTF8Note() throws {
    let tree = try TempTree()
    let body = Array("import time\nasync def f():\n    s = '".utf8) + [0xE9] + Array("'\n    time.sleep(1)\n".utf8)
    try tree.write("declared.py", bytes: Array("# -*- coding: latin-1 -*-\n".utf8) + body)
    try tree.write("second_line.py", bytes: Array("#!/usr/bin/env python\n# coding=iso-8859-15\n".utf8) + body)
    try tree.write("after_code.py", bytes: Array("x = 1\n# coding: latin-1\n".utf8) + body)
    try tree.write("says_utf8.py", bytes: Array("# coding: utf-8\n".utf8) + body)
    try tree.write("swift_comment.swift", bytes: Array("// coding: latin-1\nlet s = \"".utf8) + [0xE9] + Array("\"\n".utf8))
    let report = try Linter().run(LintOptions(paths: ["."], workingDirectory: tree.root))
    #expect(report.findings.map { "\($0.path):\($0.range.start.line)" }
        == ["after_code.py:6", "declared.py:5", "says_utf8.py:5", "second_line.py:6"])
    #expect(report.notes.map { "\($0.path) \($0.message.prefix(19))" }
        == ["after_code.py 5:10: invalid UTF-8", "says_utf8.py 4:10: invalid UTF-8", "swift_comment.swift 2:10: invalid UTF-8"])
}

/// Issue 2's bad-input contract: each bad file gets one line naming it, the others are still
/// reported, and only a file that could not be analysed at all makes the exit status 2.
@Test func badInputGetsOneLineEachAndTheRestIsReported() throws {
    let tree = try TempTree()
    let blocking = "import time\nasync def f():\n    time.sleep(1)\n"
    try tree.write("ok.py", blocking)
    try tree.write("binary.py", bytes: [0, 0xFF, 0x10] + Array(blocking.utf8))
    try tree.write("latin1.py", bytes: Array("import time\nasync def f():\n    s = '".utf8) + [0xE9] + Array("'\n    time.sleep(1)\n".utf8))
    try tree.write("unterminated.py", blocking + "x = '''never closed\n")
    try tree.write("nested.py", blocking + "x = " + String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000) + "\n")
    let report = try Linter().run(LintOptions(paths: [".", "missing.py"], workingDirectory: tree.root))
    #expect(report.findings.map(\.path) == ["latin1.py", "nested.py", "ok.py", "unterminated.py"])
    #expect(report.errors.map(\.path) == ["missing.py"])
    #expect(report.notes.map(\.path) == ["binary.py", "latin1.py", "nested.py", "unterminated.py"])
    let messages = Dictionary(uniqueKeysWithValues: report.notes.map { ($0.path, $0.message) })
    #expect(messages["binary.py"]?.contains("binary") == true)
    #expect(messages["latin1.py"]?.hasPrefix("3:10: invalid UTF-8") == true)
    #expect(messages["nested.py"]?.contains("nesting too deep") == true)
    #expect(messages["unterminated.py"]?.hasPrefix("4:5: unterminated triple-quoted string") == true)
    #expect(report.notes.allSatisfy { !$0.message.contains("\n") })
    #expect(report.exitStatus() == 2)
    // Without the missing path, partly understood files are findings-only: exit 1, not 2.
    #expect(try Linter().run(LintOptions(paths: ["."], workingDirectory: tree.root)).exitStatus() == 1)
}

/// A throwing `Task { }` discarded in async code is one finding, AL201 (which says the error
/// vanishes); AL204 stands in when AL201 is left out or silenced, and AL201 stays when AL204 is.
@Test func aThrowingOrphanedTaskIsOneFinding() throws {
    let tree = try TempTree()
    try tree.write("T.swift", "func f() async {\n    Task { try await g() }\n}\nfunc h() {\n    Task { try await g() }\n}\n")
    func codes(_ options: LintOptions) throws -> [String] {
        var options = options
        options.workingDirectory = tree.root
        return try Linter().run(options).findings.map { "\($0.range.start.line):\($0.code)" }
    }
    #expect(try codes(LintOptions()) == ["2:AL201", "5:AL204"])
    #expect(try codes(LintOptions(ignore: ["AL201"])) == ["2:AL204", "5:AL204"])
    #expect(try codes(LintOptions(ignore: ["AL204"])) == ["2:AL201"])
    try tree.write("T.swift", "func f() async {\n    Task { try await g() } // noqa: AL201\n}\n")
    #expect(try codes(LintOptions()) == ["2:AL204"])
    let report = try Linter().run(LintOptions(workingDirectory: tree.root))
    #expect(report.findings.first?.message.contains("error") == true)
}
